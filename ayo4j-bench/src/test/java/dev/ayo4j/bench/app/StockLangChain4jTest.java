// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.testkit.SameAnswerCorpus;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System (d-stock), LangChain4j with its stock models and default executors, runs the same advanced-rag app as
 * (d): the same context from the same corpus, the same answer from the same LLM engine, with its own encoders
 * doing the encoding (and counted).
 */
class StockLangChain4jTest {
    @TempDir
    Path dir;

    @Test
    void stockLangChain4jGivesTheContextAndAnswerOfThePlacedOne() {
        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(3).withRerankK(3).withAnswerTokens(32));
        BenchQuery query = new BenchQuery(0, SameAnswerCorpus.QUESTION, List.of());
        AppBenchmark.Stock stock = AppBenchmark.Stock.open();
        try (ExecutorService one = Executors.newSingleThreadExecutor();
             LocalStack stack = SameAnswerStack.open(dir)) {
            CountingEmbeddingModel miniLm = new CountingEmbeddingModel(LangChain4jMiniLm.open(1, one));
            EmbeddingStore<TextSegment> corpus = LangChain4jRag.ingest(miniLm, SameAnswerCorpus.passages());
            LangChain4jRag placed = new LangChain4jRag(app, miniLm, corpus);
            LangChain4jRag shipped = LangChain4jRag.stock(app, stock.embedder(), stock.scoring(), corpus);
            assertThat(shipped.name()).isEqualTo(LangChain4jRag.STOCK);

            placed.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
            QueryOutcome d = placed.answer(query, LoadGenerator.CORPUS);
            placed.end();
            stack.reopenLlm();
            shipped.begin(new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors()));
            QueryOutcome dStock = shipped.answer(query, LoadGenerator.CORPUS);
            shipped.end();
            placed.close();
            shipped.close();

            assertThat(d.answer()).isEqualTo(SameAnswerStack.answer());
            assertThat(dStock.answer()).isEqualTo(d.answer());
            assertThat(dStock.contextIds()).hasSize(3).isEqualTo(d.contextIds());
            // Its own models did the encoding: the three expanded queries for retrieval (LangChain4j's transformer
            // searches with them alone), the question and the fused candidates for the rerank.
            assertThat(shipped.embedderTexts()).isEqualTo(3);
            assertThat(shipped.scoringTexts()).isGreaterThanOrEqualTo(1 + 3);
            assertThat(placed.scoringTexts()).isZero();
        }
    }
}
