// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streaming, request shapes, structured output, priorities, cancel and close on the fake server. */
class OpenAiEngineTest extends OnTestingOpenAiServer {
    private static final long GUARD_SECONDS = 30;

    private OpenAiEngine engine(OpenAiEngine.Builder b) {
        engine = b.baseUrl(server.baseUrl()).model("testing").build();
        return engine;
    }

    private OpenAiEngine engine() {
        return engine(OpenAiEngine.builder());
    }

    @Test
    void streamedTextArrivesInChunksAndEqualsTheServersText() throws Exception {
        OpenAiEngine e = engine();
        AtomicReference<Object> published = new AtomicReference<>();
        Task base = Tasks.answer(e.name(), "Why is the sky blue?", "[1] Rayleigh scattering.");
        Task task = new Task(base.id(), base.op(), base.inputs(), published::set);

        Generation g = Tasks.generation(e.execute(Tasks.batch(task)).getFirst());

        assertThat(g).isSameAs(published.get());
        assertThat(g.prefilled()).isDone();
        List<String> chunks = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> ended = new AtomicReference<>(false);
        g.subscribe(new Generation.Listener() {
            @Override public void onChunk(String chunk) { chunks.add(chunk); }
            @Override public void onEnd() { ended.set(true); }
            @Override public void onError(Throwable cause) { throw new AssertionError(cause); }
        });
        String text = g.text().get(GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(text).isEqualTo(TestingOpenAiServer.DEFAULT_TEXT);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(ended.get()).isTrue();
        assertThat(g.generatedTokens()).isEqualTo(chunks.size());
        String prompt = server.lastRequest().body().path("prompt").asText();
        assertThat(g.promptTokens()).as("usage.prompt_tokens of the last chunk")
                .isEqualTo(prompt.strip().split("\\s+").length);
    }

    @Test
    void prefillRequestIsAStreamedGreedyCompletionOfTheRenderedPrompt() throws Exception {
        OpenAiEngine e = engine();
        Task task = Tasks.answer(e.name(), "Why?", "[1] Because.");
        Tasks.generation(e.execute(Tasks.batch(task)).getFirst()).text().get(GUARD_SECONDS, TimeUnit.SECONDS);

        TestingOpenAiServer.Request request = server.lastRequest();
        JsonNode body = request.body();
        assertThat(request.path()).isEqualTo("/v1/completions");
        assertThat(body.path("model").asText()).isEqualTo("testing");
        assertThat(body.path("prompt").asText()).isEqualTo(TaskInputs.prompt(task));
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(((Primitive.Prefill) task.op()).maxTokens());
        assertThat(body.path("temperature").asDouble()).isZero();
        assertThat(body.path("seed").asLong()).isEqualTo(OpenAiOptions.DEFAULT_SEED);
        assertThat(body.has("priority")).isFalse();
        assertThat(body.has("cache_prompt")).isFalse();
        assertThat(body.has("response_format")).isFalse();
        assertThat(request.authorization()).isEmpty();
    }

    @Test
    void rendersTheTemplateWhenNoPromptIsGiven() throws Exception {
        OpenAiEngine e = engine();
        Map<String, Object> values = Map.of("question", "Why?", "context", "[1] Because.");
        Task task = Task.of(new TaskId("q", "p"),
                new Primitive.Prefill(e.name(), Tasks.RAG, OutputFormat.text(), 8, 40, false), values);
        Tasks.generation(e.execute(Tasks.batch(task)).getFirst()).text().get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(server.lastRequest().body().path("prompt").asText())
                .isEqualTo(Tasks.RAG.render(Map.of("question", "Why?", "context", "[1] Because.")));
    }

    @Test
    void chatApiSendsOneUserMessageAndReadsTheDeltas() throws Exception {
        OpenAiEngine e = engine(OpenAiEngine.builder().api(OpenAiApi.CHAT).apiKey("secret"));
        Task task = Tasks.answer(e.name(), "Why?", "[1] Because.");
        String text = Tasks.generation(e.execute(Tasks.batch(task)).getFirst()).text()
                .get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(text).isEqualTo(TestingOpenAiServer.DEFAULT_TEXT);
        TestingOpenAiServer.Request request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        JsonNode messages = request.body().path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.path(0).path("content").asText()).isEqualTo(TaskInputs.prompt(task));
        assertThat(request.authorization()).isEqualTo("Bearer secret");
    }

    @Test
    void jsonListAsksForAnArrayOfExactlyNStringsAsAResponseFormat() throws Exception {
        server.behave(new TestingOpenAiServer.Behavior.Answer("[\"blue sky\", \"rayleigh\", \"light\"]"));
        OpenAiEngine e = engine();
        Task task = Tasks.prefill(e.name(), Tasks.EXPAND, Map.of("n", "3", "question", "Why blue?"),
                OutputFormat.jsonList(3), 64);
        String text = Tasks.generation(e.execute(Tasks.batch(task)).getFirst()).text()
                .get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(text).isEqualTo("[\"blue sky\", \"rayleigh\", \"light\"]");
        JsonNode format = server.lastRequest().body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isNotBlank();
        assertListSchema(format.path("json_schema").path("schema"), 3);
    }

    @ParameterizedTest
    @EnumSource(StructuredOutput.class)
    void eachStructuredOutputModeSendsExactlyOneForm(StructuredOutput mode) throws Exception {
        OpenAiEngine e = engine(OpenAiEngine.builder().structuredOutput(mode));
        Task task = Tasks.prefill(e.name(), Tasks.EXPAND, Map.of("n", "2", "question", "Why?"),
                OutputFormat.jsonList(2), 16);
        Tasks.generation(e.execute(Tasks.batch(task)).getFirst()).text().get(GUARD_SECONDS, TimeUnit.SECONDS);

        JsonNode body = server.lastRequest().body();
        List<String> forms = List.of("response_format", "guided_json", "json_schema");
        List<String> sent = forms.stream().filter(body::has).toList();
        switch (mode) {
            case NONE -> assertThat(sent).isEmpty();
            case RESPONSE_FORMAT -> assertThat(sent).containsExactly("response_format");
            case GUIDED_JSON -> {
                assertThat(sent).containsExactly("guided_json");
                assertListSchema(body.path("guided_json"), 2);
            }
            case LLAMACPP_JSON_SCHEMA -> {
                assertThat(sent).containsExactly("json_schema");
                assertListSchema(body.path("json_schema"), 2);
            }
        }
    }

    @Test
    void freeTextAsksForNoStructuredOutput() throws Exception {
        OpenAiEngine e = engine(OpenAiEngine.builder().structuredOutput(StructuredOutput.GUIDED_JSON));
        Tasks.generation(e.execute(Tasks.batch(Tasks.answer(e.name(), "Why?", "-"))).getFirst()).text()
                .get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(server.lastRequest().body().has("guided_json")).isFalse();
    }

    @Test
    void priorityComesFromThePrimitiveUnlessTheTaskCarriesOne() throws Exception {
        OpenAiEngine e = engine(OpenAiEngine.builder().sendPriority(true));
        Task list = Tasks.prefill(e.name(), Tasks.EXPAND, Map.of("n", "2", "question", "Why?"),
                OutputFormat.jsonList(2), 16);
        Task text = Tasks.answer(e.name(), "Why?", "-");
        Task warm = Tasks.warmUp(e.name(), "Why?");
        Task given = new Task(new TaskId("q", "given"), text.op(), withInput(text, RequestPriority.INPUT, 7),
                text.publish());
        for (Task t : List.of(warm, list, text, given)) {
            TaskResult r = e.execute(Tasks.batch(t)).getFirst();
            if (((TaskResult.Success) r).value() instanceof Generation g) {
                g.text().get(GUARD_SECONDS, TimeUnit.SECONDS);
            }
        }

        assertThat(server.requests()).extracting(r -> r.body().path("priority").asInt())
                .containsExactly(RequestPriority.WARM_UP, RequestPriority.LIST, RequestPriority.TEXT, 7);
    }

    /** A generation on a fresh engine that the server drips {@code "la "} into until the client hangs up. */
    private Generation dripping() {
        server.behave(new TestingOpenAiServer.Behavior.Drip("la "));
        OpenAiEngine e = engine();
        return Tasks.generation(e.execute(Tasks.batch(Tasks.answer(e.name(), "Sing", "-"))).getFirst());
    }

    @Test
    void cancelStopsTheRequest() throws Exception {
        Generation g = dripping();

        g.cancel();

        assertThat(server.awaitDisconnect(GUARD_SECONDS)).as("the server saw the client hang up").isTrue();
        assertThat(g.text()).isCompleted();
        assertThat(g.text().get()).startsWith("la ");
    }

    @Test
    void closeFailsRunningGenerationsAndRefusesNewWork() throws Exception {
        Generation g = dripping();
        OpenAiEngine e = engine;

        e.close();

        assertThatThrownBy(() -> g.text().get(GUARD_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("closed");
        assertThat(server.awaitDisconnect(GUARD_SECONDS)).isTrue();
        assertThatThrownBy(() -> e.execute(Tasks.batch(Tasks.answer(e.name(), "Sing", "-"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("closed");
    }

    @Test
    void rejectsPrimitivesItDoesNotServe() {
        OpenAiEngine e = engine();
        Task embed = Task.of(new TaskId("q", "e"), new Primitive.Embed(e.name(), 1, 4), Map.of(Primitive.Embed.TEXTS.name(), List.of("x")));

        assertThat(e.execute(Tasks.batch(embed)).getFirst()).isInstanceOfSatisfying(TaskResult.Failure.class,
                f -> assertThat(f.cause()).isInstanceOf(NonRetriableEngineException.class)
                        .hasMessageContaining("does not serve Embed"));
    }

    private static Map<String, Object> withInput(Task task, String key, Object value) {
        Map<String, Object> inputs = new HashMap<>(task.inputs());
        inputs.put(key, value);
        return inputs;
    }

    private static void assertListSchema(JsonNode schema, int items) {
        assertThat(schema.path("type").asText()).isEqualTo("array");
        assertThat(schema.path("items").path("type").asText()).isEqualTo("string");
        assertThat(schema.path("minItems").asInt()).isEqualTo(items);
        assertThat(schema.path("maxItems").asInt()).isEqualTo(items);
    }
}
