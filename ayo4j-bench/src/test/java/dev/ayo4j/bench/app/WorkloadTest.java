// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.Role;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workloads from apps (as app files give them): what the benchmark runs them as, and what it refuses. */
class WorkloadTest {
    private static final AppOptions SIZES = AppOptions.DEFAULT.withAnswerTokens(77)
            .withContextOrder(ContextOrder.ARRIVAL);

    @Test
    void anAppOverACollectionSearchesTheCorpusWithTheFilesOwnSizes() {
        Workload w = Workload.of(Apps.advancedRagOverCollection(SIZES), "my-rag.yaml");
        assertThat(w.label()).isEqualTo("advanced-rag");
        assertThat(w.searchesCorpus()).isTrue();
        assertThat(w.ingestsPerQuery()).isFalse();
        assertThat(w.expands()).isTrue();
        // The benchmark's own sizes do not apply to a file's app.
        assertThat(w.answerTokens(AppOptions.DEFAULT)).isEqualTo(77);
        assertThat(w.contextOrder(AppOptions.DEFAULT)).isEqualTo(ContextOrder.ARRIVAL);
        assertThat(w.splitsLikeAyo(SIZES)).isFalse();
    }

    @Test
    void anAppWithAnIndexIngestsPassagesPerQueryAndAChainOfGeneratesRetrievesNothing() {
        Workload docQa = Workload.of(Apps.naiveRag(AppOptions.DEFAULT), "qa.yaml");
        assertThat(docQa.ingestsPerQuery()).isTrue();
        assertThat(docQa.defaultPassages()).isEqualTo(Workload.DOC_QA.defaultPassages());
        assertThat(docQa.searchesCorpus()).isFalse();

        Workload chain = Workload.of(Apps.multiCall(AppOptions.DEFAULT), "chain.yaml");
        assertThat(chain.retrieves()).isFalse();
    }

    @Test
    void refusesWhatTheBaselinesCannotRunNamingTheFile() {
        App step = App.builder("filtered").input("question", ValueKind.TEXT)
                .then(new Module.Step("shout", "upper", List.of("question"), ValueKind.TEXT, "loud"))
                .then(new Module.Generate("generate", PromptTemplate.of("Say {{loud}}"), 8, "answer"))
                .output("answer").build();
        assertThatThrownBy(() -> Workload.of(step, "filtered.yaml")).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("app file filtered.yaml (app filtered)").hasMessageContaining("step 'shout'");

        App topic = App.builder("topical").input("question", ValueKind.TEXT).input("topic", ValueKind.TEXT)
                .then(new Module.Generate("generate", PromptTemplate.of("{{topic}}: {{question}}"), 8, "answer"))
                .output("answer").build();
        assertThatThrownBy(() -> Workload.of(topic, "t.yaml")).hasMessageContaining("input 'topic' (text)");

        App bound = Apps.multiCall(AppOptions.DEFAULT).withEngines(
                dev.ayo4j.app.EngineBinding.DEFAULT.withRole(Role.LLM, "big"));
        assertThatThrownBy(() -> Workload.of(bound, "b.yaml")).hasMessageContaining("one engine per role");
    }

    @Test
    void unknownBuiltInNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Workload.of("rag")).hasMessageContaining("[naive-rag, advanced-rag, doc-qa, "
                + "multi-call], or an app file (.yaml)");
        assertThat(Workload.of("doc-qa")).isSameAs(Workload.DOC_QA);
    }
}
