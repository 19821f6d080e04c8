// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
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

    @Test
    void optimizedAyo4jAndTheSequentialChainAgree() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, SameAnswerCorpus.QUERIES);
        List<Passage> passages = SameAnswerCorpus.passages(5);
        BenchQuery query = new BenchQuery(0, SameAnswerCorpus.QUESTION, passages);
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(3).withRerankK(2).withAnswerTokens(32));
        try (LocalStack stack = LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")))) {
            Engines engines = new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors());
            AyoSystem ayo = new AyoSystem("ayo4j", app, Passes.STANDARD, Duration.ofMinutes(2));
            SequentialChain chain = new SequentialChain(app);

            ayo.begin(engines);
            QueryOutcome fast = ayo.answer(query, "ayo");
            ayo.end();
            stack.reopenLlm();
            chain.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
            QueryOutcome slow = chain.answer(query, "chain");
            chain.end();

            assertThat(fast.answer()).isEqualTo(SyntheticModels.jsonList(SameAnswerCorpus.QUERIES));
            assertThat(slow.answer()).isEqualTo(fast.answer());
            assertThat(slow.contextIds()).hasSize(2).isEqualTo(fast.contextIds());
            assertThat(slow.spans()).extracting(Span::label).containsExactly("index.embed", "index.ingest",
                    "expand.prefill", "expand.decode", "search.embed", "search.vsearch", "rerank",
                    "generate.prefill", "generate.decode");
        }
    }

    @Test
    void overAnIngestedCorpusInArrivalOrderAyo4jAndTheSequentialChainAgree() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, SameAnswerCorpus.QUERIES);
        BenchQuery query = new BenchQuery(0, SameAnswerCorpus.QUESTION, List.of());
        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(3).withRerankK(3).withAnswerTokens(32)
                .withContextOrder(ContextOrder.ARRIVAL)).withCollection("corpus");
        try (LocalStack stack = LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")))) {
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                List<Passage> corpus = SameAnswerCorpus.passages();
                runtime.run(Apps.ingest().withCollection("corpus").lower(QueryShape.ofPassages(corpus.size())),
                        Map.of("passages", corpus), Duration.ofMinutes(2));
            }
            Engines engines = new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors());
            AyoSystem ayo = new AyoSystem("ayo4j", app, Passes.STANDARD, Duration.ofMinutes(2));
            SequentialChain chain = new SequentialChain(app);

            ayo.begin(engines);
            QueryOutcome fast = ayo.answer(query, "corpus");
            ayo.end();
            stack.reopenLlm();
            chain.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
            QueryOutcome slow = chain.answer(query, "corpus");
            chain.end();

            assertThat(fast.answer()).isEqualTo(SyntheticModels.jsonList(SameAnswerCorpus.QUERIES));
            assertThat(slow.answer()).isEqualTo(fast.answer());
            assertThat(slow.contextIds()).hasSize(3).isEqualTo(fast.contextIds());
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
