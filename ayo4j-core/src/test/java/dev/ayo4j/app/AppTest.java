// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import org.junit.jupiter.api.Test;

/** Apps are checked when built and lowered; errors name the module and the value at fault. */
class AppTest {
    @Test
    void rejectsATemplateWithAnUnknownPlaceholder() {
        var builder = App.builder("typo")
                .input("question", ValueKind.TEXT)
                .then(new Module.Generate("answer", PromptTemplate.of("Answer {{question}} from {{contxt}}"), 32,
                        "answer"))
                .output("answer");
        assertThatThrownBy(builder::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("{{contxt}}").hasMessageContaining("module answer");
    }

    @Test
    void rejectsAMalformedPlaceholder() {
        assertThatThrownBy(() -> PromptTemplate.of("Answer {{question} please"))
                .isInstanceOf(GraphValidationException.class).hasMessageContaining("malformed placeholder");
        assertThatThrownBy(() -> PromptTemplate.of("Answer {{ 1st }}"))
                .isInstanceOf(GraphValidationException.class).hasMessageContaining("malformed placeholder");
    }

    @Test
    void loweringRejectsAnIndexOfZeroPassages() {
        App app = Apps.naiveRag(AppOptions.DEFAULT);
        assertThatThrownBy(() -> app.lower(QueryShape.ofPassages(0)))
                .isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("module index").hasMessageContaining("no passages");
    }

    @Test
    void aRagAppOverACollectionIngestedBeforehandSearchesOnceTheIndexInputIsGiven() {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        assertThat(g.node(NodeId.of(Apps.INDEX.name())).op()).isEqualTo(new Primitive.Input(Apps.INDEX.name(), ValueKind.SIGNAL));
        assertThat(g.nodes()).noneMatch(n -> n.op() instanceof Primitive.Embed e && e.items() > 3)
                .noneMatch(n -> n.op() instanceof Primitive.Ingest);
        assertThat(g.edges()).anyMatch(e -> e.from().node().equals(NodeId.of(Apps.INDEX.name()))
                && e.to().node().equals(NodeId.of("search.vsearch")));
    }

    @Test
    void theIngestAppIndexesItsPassagesAndOutputsTheSignal() {
        PrimitiveGraph g = Apps.ingest().lower(QueryShape.ofPassages(40));
        assertThat(g.nodes()).anyMatch(n -> n.op() instanceof Primitive.Ingest i && i.items() == 40);
        assertThat(g.node(NodeId.of("output." + Apps.INDEX.name())).op())
                .isEqualTo(new Primitive.Output(Apps.INDEX.name(), ValueKind.SIGNAL));
    }
}
