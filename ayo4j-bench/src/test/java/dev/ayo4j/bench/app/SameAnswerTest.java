// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.SameAnswerCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ayo4j with every pass and the sequential module chain give the same answer and the same context for
 * the same query, on the real embedded engines with a chain model (whose greedy output is fixed).
 */
class SameAnswerTest {
    @TempDir
    Path dir;

    /** What ayo4j with every pass answered, then what the sequential chain answered to the same query. */
    private record BothWays(QueryOutcome fast, QueryOutcome slow) {}

    /**
     * Answers {@code query} with {@code app} on {@code stack}'s engines, first by ayo4j with every pass (under
     * {@code ayoLabel}), then, on a reopened LLM, by the sequential chain (under {@code chainLabel}), and checks
     * that both gave the chain model's answer from the same {@code contextSize} passages.
     */
    private static BothWays answerBothWays(LocalStack stack, App app, BenchQuery query, String ayoLabel,
                                           String chainLabel, int contextSize) {
        AyoSystem ayo = new AyoSystem("ayo4j", app, Passes.STANDARD, Duration.ofMinutes(2));
        SequentialChain chain = new SequentialChain(app);

        ayo.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
        QueryOutcome fast = ayo.answer(query, ayoLabel);
        ayo.end();
        stack.reopenLlm();
        chain.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
        QueryOutcome slow = chain.answer(query, chainLabel);
        chain.end();

        assertThat(fast.answer()).isEqualTo(SameAnswerStack.answer());
        assertThat(slow.answer()).isEqualTo(fast.answer());
        assertThat(slow.contextIds()).hasSize(contextSize).isEqualTo(fast.contextIds());
        return new BothWays(fast, slow);
    }

    @Test
    void optimizedAyo4jAndTheSequentialChainAgree() {
        List<Passage> passages = SameAnswerCorpus.passages(5);
        BenchQuery query = new BenchQuery(0, SameAnswerCorpus.QUESTION, passages);
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(3).withRerankK(2).withAnswerTokens(32));
        try (LocalStack stack = SameAnswerStack.open(dir)) {
            BothWays both = answerBothWays(stack, app, query, "ayo", "chain", 2);

            assertThat(both.slow().spans()).extracting(Span::label).containsExactly("index.embed", "index.ingest",
                    "expand.prefill", "expand.decode", "search.embed", "search.vsearch", "rerank",
                    "generate.prefill", "generate.decode");
        }
    }

    @Test
    void overAnIngestedCorpusInArrivalOrderAyo4jAndTheSequentialChainAgree() {
        BenchQuery query = new BenchQuery(0, SameAnswerCorpus.QUESTION, List.of());
        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(3).withRerankK(3).withAnswerTokens(32)
                .withContextOrder(ContextOrder.ARRIVAL)).withCollection("corpus");
        try (LocalStack stack = SameAnswerStack.open(dir)) {
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                List<Passage> corpus = SameAnswerCorpus.passages();
                runtime.run(Apps.ingest().withCollection("corpus").lower(QueryShape.ofPassages(corpus.size())),
                        Map.of("passages", corpus), Duration.ofMinutes(2));
            }
            BothWays both = answerBothWays(stack, app, query, "corpus", "corpus", 3);

            QueryOutcome fast = both.fast();
            QueryOutcome slow = both.slow();
            assertThat(slow.spans()).extracting(Span::label).containsExactly("expand.prefill", "expand.decode",
                    "search.embed[0]", "search.vsearch[0]", "search.embed[1]", "search.vsearch[1]",
                    "search.embed[2]", "search.vsearch[2]", "rerank[0]", "rerank[1]", "rerank[2]",
                    "generate.prefill", "generate.decode");
            assertThat(slow.answerTailNanos()).isPositive();
            assertThat(fast.answerTailNanos()).isPositive();
            assertThat(fast.warmUps().ok() + fast.warmUps().fellBack() + fast.warmUps().skipped()).isPositive();
        }
    }
}
