// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import static dev.ayo4j.engine.llamacpp.Tasks.one;
import static dev.ayo4j.engine.llamacpp.Tasks.qa;
import static dev.ayo4j.engine.llamacpp.Tasks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a chain model: exact outputs through Prefill tasks and GenerationStreams. */
class LlamaCppEngineTest {
    static final String CHAIN = "Once upon a time, there was a little dog named Max. He loved the big park.";

    @TempDir static Path dir;
    static LlamaCppEngine engine;

    @BeforeAll
    static void open() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeChain(model, CHAIN);
        engine = LlamaCppEngine.open(LlamaCppOptions.builder().model(model).ctxSize(512).slots(2).threads(1).build());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void prefillStreamsTheChainTextExactly() {
        List<Object> published = new CopyOnWriteArrayList<>();
        Task task = new Task(new TaskId("q1", "prefill"),
                new Primitive.Prefill("llm", Tasks.QA, OutputFormat.text(), 64, 16, false),
                Map.of("question", "what did the dog love?", "context", "a story about a dog"), published::add);

        TaskResult result = one(engine, task);

        Generation g = Tasks.generation(result);
        assertThat(published).containsExactly(g);
        assertThat(g.prefilled()).isDone();
        List<String> chunks = Tasks.chunksOf(g);
        assertThat(g.text().join()).isEqualTo(CHAIN);
        assertThat(String.join("", chunks)).isEqualTo(CHAIN);
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(g.promptTokens()).isEqualTo(engine.promptTokens(
                "Question: what did the dog love?\nContext: a story about a dog\nAnswer:"));
        assertThat(g.generatedTokens()).isEqualTo(chunks.size());
        assertThat(((TaskResult.Success) result).tokensIn()).isEqualTo(g.promptTokens());
    }

    @Test
    void describesItselfAsLlamaCppServingItsModelFile() {
        assertThat(engine.description()).isEqualTo(new EngineDescription("llama.cpp", "chain.gguf"));
    }

    @Test
    void usesARenderedPromptGivenAsInput() {
        Task task = Tasks.prefill("q2", Tasks.QA, OutputFormat.text(), Map.of(TaskInputs.PROMPT, "Tell me a story:"));
        assertThat(text(one(engine, task))).isEqualTo(CHAIN);
    }

    @Test
    void warmUpThenFullRequestSharingThePrefixStaysExact() {
        TaskResult warm = one(engine, Tasks.warmUp("q3", "where did Max play?"));
        assertThat(warm).isInstanceOf(TaskResult.Success.class);
        Signal signal = (Signal) ((TaskResult.Success) warm).value();
        assertThat(signal.ok()).as(signal.detail()).isTrue();

        assertThat(text(one(engine, qa("q3", "where did Max play?", "the park is big and green")))).isEqualTo(CHAIN);
        assertThat(text(one(engine, qa("q3b", "where did Max play?", "another context")))).isEqualTo(CHAIN);
    }

    @Test
    void concurrentRequestsOnSlotsAllCompleteExactly() throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                int n = i;
                futures.add(exec.submit(() -> text(one(engine, qa("c" + n, "question number " + n, "context " + n)))));
            }
        }
        for (Future<String> f : futures) {
            assertThat(f.get()).isEqualTo(CHAIN);
        }
    }

    @Test
    void cancelEndsTheStreamWithAPrefixAndTheEngineKeepsServing() {
        Generation g = Tasks.generation(one(engine, qa("x1", "stop early", "please")));
        g.cancel();
        assertThat(CHAIN).startsWith(g.text().join());
        assertThat(text(one(engine, qa("x2", "after the cancel", "still fine")))).isEqualTo(CHAIN);
    }

    @Test
    void rejectsAPromptLongerThanASlotNamingTheCounts() {
        String longContext = "the dog ran in the park ".repeat(60);
        TaskResult result = one(engine, qa("long", "too long?", longContext));

        assertThat(result).isInstanceOf(TaskResult.Failure.class);
        Throwable cause = ((TaskResult.Failure) result).cause();
        assertThat(cause).isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("task long/prefill").hasMessageContaining("a slot of engine llm holds 256")
                .hasMessageMatching("(?s).*prompt has \\d+ tokens.*");
    }

    @Test
    void aTooLongWarmUpIsAFailedSignalNotAFailedTask() {
        TaskResult result = one(engine, Tasks.warmUp("lw", "why? ".repeat(300)));
        Signal signal = (Signal) ((TaskResult.Success) result).value();
        assertThat(signal.ok()).isFalse();
        assertThat(signal.detail()).contains("prompt prefix has");
    }

    @Test
    void resultsComeInInputOrderAndAFailingTaskDoesNotFailOthers() {
        Task missingInput = Tasks.prefill("bad", Tasks.QA, OutputFormat.text(), Map.of("question", "no context"));
        Task unsupported = Task.of(new TaskId("emb", "embed"), new Primitive.Embed("llm", 1, 4),
                Map.of(Primitive.Embed.TEXTS.name(), List.of("x")));

        List<TaskResult> results = Tasks.run(engine, qa("a", "first", "one"), missingInput,
                Tasks.warmUp("w", "second"), unsupported, qa("b", "third", "three"));

        assertThat(results).hasSize(5);
        assertThat(text(results.get(0))).isEqualTo(CHAIN);
        assertThat(((TaskResult.Failure) results.get(1)).cause())
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("{{context}}");
        assertThat(((Signal) ((TaskResult.Success) results.get(2)).value()).ok()).isTrue();
        assertThat(((TaskResult.Failure) results.get(3)).cause()).hasMessageContaining("does not serve Embed");
        assertThat(text(results.get(4))).isEqualTo(CHAIN);
    }

    @Test
    void declaresItsCapabilities() {
        assertThat(engine.name()).isEqualTo("llm");
        assertThat(engine.capabilities().maxBatchSize()).isEqualTo(1);
        assertThat(engine.capabilities().maxConcurrency()).isEqualTo(2);
        assertThat(engine.capabilities().serves(new Primitive.Prefill("llm",
                PromptTemplate.of("{{q}}"), OutputFormat.text(), 8, 4, false))).isTrue();
        assertThat(engine.capabilities().primitives())
                .containsExactlyInAnyOrder(Primitive.Prefill.class, Primitive.PartialPrefill.class);
    }

    @Test
    void optionsRejectASlotContextThatIsTooSmall() {
        assertThatThrownBy(() -> LlamaCppOptions.builder().model(Path.of("m.gguf")).ctxSize(64).slots(4).build())
                .hasMessageContaining("leaves 16 tokens per slot");
    }
}
