// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.SameAnswerCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection ingested with hoisting (the similarity reranker's passage vectors computed at ingest and
 * stored in Lucene) and one ingested without give the same answer and the same context, scores
 * included, on the real embedded engines (bge-small reranker, Lucene) with a chain model.
 */
class HoistSameAnswerTest {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void hoistedAndPlainCollectionsGiveTheSameAnswerAndContext() {
        List<Passage> passages = SameAnswerCorpus.passages();
        PrimitiveGraph lowered = Apps.ingest().lower(QueryShape.ofPassages(passages.size()));
        PrimitiveGraph hoisted = new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(Apps.ingest().withCollection("hoisted").lower(QueryShape.ofPassages(passages.size())))
                .result();
        assertThat(hoisted.nodesOf(Primitive.Ingest.class))
                .allSatisfy(n -> assertThat(((Primitive.Ingest) n.op()).reranker()).isEqualTo("reranker"));
        List<Pass> withoutHoist = Passes.STANDARD.stream().filter(p -> p != Passes.HOIST).toList();
        PrimitiveGraph plain = new Planner(withoutHoist, PlannerContext.defaults())
                .optimize(Apps.ingest().withCollection("plain").lower(QueryShape.ofPassages(passages.size())))
                .result();
        assertThat(plain.nodesOf(Primitive.Ingest.class))
                .allSatisfy(n -> assertThat(((Primitive.Ingest) n.op()).reranker()).isNull());
        assertThat(lowered.nodesOf(Primitive.Ingest.class)).hasSize(1);

        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(4).withRerankK(3).withAnswerTokens(32)
                .withContextOrder(ContextOrder.ARRIVAL));
        try (LocalStack stack = SameAnswerStack.open(dir)) {
            // the plain collection first: its passages are embedded by the reranker at query time
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                runtime.run(plain, Map.of(Apps.PASSAGES.name(), passages), DEADLINE);
            }
            QueryResult fromPlain = answer(stack, app.withCollection("plain"));
            stack.reopenLlm();
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                runtime.run(hoisted, Map.of(Apps.PASSAGES.name(), passages), DEADLINE);
            }
            QueryResult fromHoisted = answer(stack, app.withCollection("hoisted"));

            assertThat(fromHoisted.output(Apps.ANSWER.name(), String.class))
                    .isEqualTo(SameAnswerStack.answer())
                    .isEqualTo(fromPlain.output(Apps.ANSWER.name(), String.class));
            List<Passage> a = SameAnswerCorpus.context(fromHoisted.outputs());
            List<Passage> b = SameAnswerCorpus.context(fromPlain.outputs());
            assertThat(a).hasSize(3).extracting(Passage::id).containsExactlyElementsOf(b.stream().map(Passage::id).toList());
            assertThat(a).allSatisfy(p -> assertThat(p.rerankVector()).isNotNull());
            assertThat(b).allSatisfy(p -> assertThat(p.rerankVector()).isNull());
            for (int k = 0; k < a.size(); k++) {
                assertThat(a.get(k).score()).isCloseTo(b.get(k).score(), within(1e-4));
            }
        }
    }

    private static QueryResult answer(LocalStack stack, App app) {
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(app.lower(QueryShape.ofPassages(0))).result();
        assertThat(graph.nodesOf(Primitive.Rerank.class))
                .allSatisfy(n -> assertThat(((Primitive.Rerank) n.op()).storedVectors()).isTrue());
        try (Ayo4jRuntime runtime = stack.newRuntime()) {
            return runtime.run(graph, SameAnswerCorpus.questionOverCollection(), DEADLINE);
        }
    }
}
