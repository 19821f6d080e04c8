// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How failures are classified and reported, and that they stay with their task. */
class OpenAiEngineErrorsTest extends OnTestingOpenAiServer {
    private OpenAiEngine engine(String baseUrl, Duration timeout) {
        engine = OpenAiEngine.builder().baseUrl(baseUrl).model("testing").requestTimeout(timeout).build();
        return engine;
    }

    private TaskResult prefill() {
        OpenAiEngine e = engine == null ? engine(server.baseUrl(), Duration.ofSeconds(30)) : engine;
        return e.execute(Tasks.batch(Tasks.answer(e.name(), "Why?", "-"))).getFirst();
    }

    private static Throwable cause(TaskResult r) {
        assertThat(r).isInstanceOf(TaskResult.Failure.class);
        return ((TaskResult.Failure) r).cause();
    }

    @Test
    void badRequestIsNonRetriableAndNamesStatusAndServerText() {
        server.behave(new TestingOpenAiServer.Behavior.Fail(400, "max_tokens is too large: 99999"));

        assertThat(cause(prefill())).isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("400").hasMessageContaining("max_tokens is too large: 99999")
                .hasMessageContaining(server.baseUrl() + "/completions");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void overloadAndServerErrorsAreRetriable(int status) {
        server.behave(new TestingOpenAiServer.Behavior.Fail(status, "try again later"));

        assertThat(cause(prefill())).isInstanceOf(RetriableEngineException.class)
                .hasMessageContaining(Integer.toString(status)).hasMessageContaining("try again later");
    }

    @Test
    void refusedConnectionIsRetriableAndNamesTheEndpoint() {
        String deadUrl;
        try (TestingOpenAiServer gone = TestingOpenAiServer.start()) {
            deadUrl = gone.baseUrl();
        }
        engine(deadUrl, Duration.ofSeconds(30));

        assertThat(cause(prefill())).isInstanceOf(RetriableEngineException.class)
                .hasMessageContaining(deadUrl + "/completions").hasMessageContaining("connection refused");
    }

    @Test
    void serverThatNeverAnswersTimesOutRetriably() {
        server.behave(new TestingOpenAiServer.Behavior.Stall());
        engine(server.baseUrl(), Duration.ofMillis(300));

        assertThat(cause(prefill())).isInstanceOf(RetriableEngineException.class)
                .hasMessageContaining(server.baseUrl()).hasMessageContaining("no response within");
    }

    @Test
    void malformedEventFailsTheGenerationNotTheJvm() {
        server.behave(new TestingOpenAiServer.Behavior.Break(2, true));
        Generation g = Tasks.generation(prefill());

        assertThatThrownBy(() -> g.text().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("malformed server-sent event").hasMessageContaining("after 2 chunks");
    }

    @Test
    void streamEndingBeforeDoneFailsTheGeneration() {
        server.behave(new TestingOpenAiServer.Behavior.Break(3, false));
        Generation g = Tasks.generation(prefill());

        assertThatThrownBy(() -> g.text().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RetriableEngineException.class).hasMessageContaining("ended before [DONE]");
    }

    @Test
    void streamBrokenBeforeAnyTokenFailsTheTask() {
        server.behave(new TestingOpenAiServer.Behavior.Break(0, true));

        assertThat(cause(prefill())).isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("malformed server-sent event");
    }

    @Test
    void failingTaskDoesNotFailItsBatchMates() throws Exception {
        OpenAiEngine e = engine(server.baseUrl(), Duration.ofSeconds(30));
        Task ok = Tasks.answer(e.name(), "Why?", "-");
        Task missingInput = Task.of(new TaskId("q", "broken"),
                new Primitive.Prefill(e.name(), Tasks.RAG, OutputFormat.text(), 8, 40, false), Map.of("question", "?"));

        List<TaskResult> results = e.execute(Tasks.batch(ok, missingInput, ok));

        assertThat(results).hasSize(3);
        assertThat(Tasks.generation(results.get(0)).text().get(30, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(cause(results.get(1))).isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("{{context}}");
        assertThat(Tasks.generation(results.get(2)).text().get(30, TimeUnit.SECONDS)).isNotEmpty();
    }
}
