// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code langchain4j} provider: what it makes of each model, and the configurations it refuses. */
class LangChain4jEngineProviderTest {
    private static final PromptTemplate TEMPLATE = PromptTemplate.of("Question: {{question}}\nAnswer:");

    private static Task prefill(String question) {
        return Task.of(new TaskId("q", "prefill"), new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 32, 8,
                false), Map.of("question", question, TaskInputs.PROMPT, TEMPLATE.render(Map.of("question", question))));
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertThat(EngineProviders.load().names()).contains(LangChain4jEngines.PROVIDER);
    }

    @Test
    void eachModelTypeBecomesTheEngineThatServesIt() {
        try (Engine llm = Models.engine(LangChain4jEngines.chat("llm", new TestingChatModel()))) {
            assertThat(llm.capabilities().primitives())
                    .containsExactlyInAnyOrder(Primitive.Prefill.class, Primitive.PartialPrefill.class);
            assertThat(llm.capabilities().maxBatchSize()).isEqualTo(LangChain4jEngines.DEFAULT_MAX_BATCH);
        }
        try (Engine store = Models.engine(LangChain4jEngines.store("vectors",
                new dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore<>()))) {
            assertThat(store.capabilities().primitives())
                    .containsExactlyInAnyOrder(Primitive.Ingest.class, Primitive.VectorSearch.class);
        }
        try (Engine e = Models.engine(LangChain4jEngines.config("embedder",
                Map.of(LangChain4jEngines.MAX_BATCH, "8", LangChain4jEngines.MAX_CONCURRENCY, "2"), Models.miniLm()))) {
            assertThat(e.capabilities().primitives()).containsExactly(Primitive.Embed.class);
            assertThat(e.capabilities().maxBatchSize()).isEqualTo(8);
            assertThat(e.capabilities().maxConcurrency()).isEqualTo(2);
        }
    }

    @Test
    void aBlockingChatModelAnswersInOnePieceWithTheTokenCountsItReports() throws Exception {
        try (Engine llm = Models.engine(LangChain4jEngines.chat("llm", new TestingChatModel()))) {
            TaskResult r = llm.execute(new Batch(1, List.of(prefill("why is the sky blue?")))).getFirst();
            assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class, s -> {
                assertThat(s.tokensIn()).isEqualTo(7);
                assertThat(s.tokensOut()).isPositive();
            });
            Generation g = (Generation) ((TaskResult.Success) r).value();
            assertThat(g.text().get()).isEqualTo("The answer to 'why is the sky blue?' is in the context [1].");
        }
    }

    @Test
    void aWarmUpReportsNotDoneSoTheRuntimeFallsBack() {
        try (Engine llm = Models.engine(LangChain4jEngines.chat("llm", new TestingStreamingChatModel()))) {
            Task warm = Task.of(new TaskId("q", "warm"), new Primitive.PartialPrefill("llm",
                    PromptTemplate.of("Question: {{question}}\nContext: {{context}}"), 2, 4, false),
                    Map.of("question", "why", TaskInputs.PROMPT, "Question: why\nContext: "));
            TaskResult r = llm.execute(new Batch(1, List.of(warm))).getFirst();
            assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class,
                    s -> assertThat(((Signal) s.value()).ok()).isFalse());
        }
    }

    @Test
    void aModelFailureFailsOnlyItsTaskAndKeepsLangChain4jsRetriability() {
        ChatModel limited = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new RateLimitException("slow down");
            }
        };
        try (Engine llm = Models.engine(LangChain4jEngines.chat("llm", limited));
             Engine streaming = Models.engine(LangChain4jEngines.chat("llm2", new TestingStreamingChatModel()))) {
            assertThat(llm.execute(new Batch(1, List.of(prefill("q")))).getFirst())
                    .isInstanceOfSatisfying(TaskResult.Failure.class, f -> assertThat(f.cause())
                            .isInstanceOf(RetriableEngineException.class).hasMessageContaining("engine llm")
                            .hasMessageContaining("slow down"));
            List<TaskResult> both = streaming.execute(new Batch(2, List.of(prefill(TestingChatModel.FAIL),
                    prefill("fine"))));
            assertThat(both.get(0)).isInstanceOfSatisfying(TaskResult.Failure.class,
                    f -> assertThat(f.cause()).hasMessageContaining("fails as asked"));
            assertThat(both.get(1)).isInstanceOf(TaskResult.Success.class);
        }
    }

    @Test
    void aConfigurationWithoutTheModelIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Models.engine(new EngineConfig("llm", Map.of())))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("engine llm")
                .hasMessageContaining("'" + LangChain4jEngines.MODEL + "'")
                .hasMessageContaining("LangChain4jEngines");
    }

    @Test
    void anObjectThatIsNoLangChain4jModelIsRefusedNamingItsType() {
        assertThatThrownBy(() -> Models.engine(LangChain4jEngines.config("llm", Map.of(), "not a model")))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("java.lang.String")
                .hasMessageContaining("ChatModel");
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        assertThatThrownBy(() -> Models.engine(LangChain4jEngines.config("llm", Map.of("temperature", "0"),
                new TestingChatModel())))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("unknown option 'temperature'");
        assertThatThrownBy(() -> Models.engine(LangChain4jEngines.config("llm",
                Map.of(LangChain4jEngines.MAX_BATCH, "many"), new TestingChatModel())))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("maxBatch").hasMessageContaining("many");
        assertThatThrownBy(() -> Models.engine(LangChain4jEngines.config("llm",
                Map.of(LangChain4jEngines.MAX_CONCURRENCY, "0"), new TestingChatModel())))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("must be > 0");
    }
}
