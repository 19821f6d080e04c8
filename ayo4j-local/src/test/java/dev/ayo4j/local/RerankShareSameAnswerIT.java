// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.primitive.AggregateMode;
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
 * Shared rerank across the branches of an expanded query gives the same answer and the same context,
 * scores included, as every branch reranking all its candidates: real embedded encoders and Lucene, and a
 * chain model whose expansions retrieve overlapping candidates from a small collection.
 */
class RerankShareSameAnswerIT {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void sharedAndUnsharedRerankGiveTheSameAnswerAndContext() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, SameAnswerCorpus.QUERIES);
        List<Passage> passages = SameAnswerCorpus.passages();
        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(4).withRerankK(3).withAnswerTokens(32))
                .withCollection("notes");
        PrimitiveGraph shared = plan(Passes.STANDARD, app);
        PrimitiveGraph unshared = plan(Passes.STANDARD.stream().filter(p -> p != Passes.RERANK_SHARE).toList(), app);
        assertThat(unseenFilters(shared)).isEqualTo(AppOptions.DEFAULT.expansions() - 1);
        assertThat(unseenFilters(unshared)).isZero();

        try (LocalStack stack = LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")))) {
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                runtime.run(plan(Passes.STANDARD, Apps.ingest().withCollection("notes")),
                        Map.of(Apps.PASSAGES.name(), passages), DEADLINE);
            }
            QueryResult a = answer(stack, shared);
            stack.reopenLlm();
            QueryResult b = answer(stack, unshared);

            assertThat(a.output(Apps.ANSWER.name(), String.class))
                    .isEqualTo(SyntheticModels.jsonList(SameAnswerCorpus.QUERIES))
                    .isEqualTo(b.output(Apps.ANSWER.name(), String.class));
            assertThat(SameAnswerCorpus.context(a.outputs())).hasSize(3)
                    .isEqualTo(SameAnswerCorpus.context(b.outputs()));
        }
    }

    private static PrimitiveGraph plan(List<Pass> passes, App app) {
        return new Planner(passes, PlannerContext.defaults()).optimize(app.lower(QueryShape.ofPassages(6))).result();
    }

    private static long unseenFilters(PrimitiveGraph g) {
        return g.nodesOf(Primitive.Aggregate.class).stream()
                .filter(n -> ((Primitive.Aggregate) n.op()).mode() == AggregateMode.UNSEEN).count();
    }

    private static QueryResult answer(LocalStack stack, PrimitiveGraph graph) {
        try (Ayo4jRuntime runtime = stack.newRuntime()) {
            return runtime.run(graph, SameAnswerCorpus.questionOverCollection(), DEADLINE);
        }
    }
}
