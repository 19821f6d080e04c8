// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prefix warm-up (reference-ayo §7.2) on the fake server's simulated prefix cache. */
class OpenAiEngineWarmUpTest {
    private final TestingOpenAiServer server = TestingOpenAiServer.start();
    private final OpenAiEngine engine = OpenAiEngine.builder().baseUrl(server.baseUrl()).model("testing")
            .cachePrompt(true).build();

    @AfterEach
    void tearDown() {
        engine.close();
        server.close();
    }

    @Test
    void warmUpSendsOneTokenUnstreamedWithCachePrompt() {
        Task warm = Tasks.warmUp(engine.name(), "Why is the sky blue?");

        TaskResult r = engine.execute(Tasks.batch(warm)).getFirst();

        assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class, s -> {
            assertThat(s.value()).isInstanceOfSatisfying(Signal.class, sig -> assertThat(sig.ok()).isTrue());
        });
        TestingOpenAiServer.Request request = server.lastRequest();
        assertThat(request.body().path("max_tokens").asInt()).isEqualTo(1);
        assertThat(request.body().path("stream").asBoolean(true)).isFalse();
        assertThat(request.body().path("cache_prompt").asBoolean()).isTrue();
        assertThat(request.body().path("prompt").asText()).isEqualTo(TaskInputs.prompt(warm));
    }

    @Test
    void fullRequestAfterAWarmUpPrefillsOnlyTheSuffix() throws Exception {
        String question = "Why is the sky blue?";
        Task warm = Tasks.warmUp(engine.name(), question);
        Task full = Tasks.answer(engine.name(), question, "[1] Air scatters short wavelengths more.");
        String prefix = TaskInputs.prompt(warm);
        String prompt = TaskInputs.prompt(full);
        assertThat(prompt).startsWith(prefix);

        engine.execute(Tasks.batch(warm));
        Tasks.generation(engine.execute(Tasks.batch(full)).getFirst()).text().get(30, TimeUnit.SECONDS);

        assertThat(server.requests()).extracting(TestingOpenAiServer.Request::prefilledChars)
                .containsExactly(prefix.length(), prompt.length() - prefix.length());
        assertThat(server.lastRequest().body().path("cache_prompt").asBoolean()).isTrue();
    }

    @Test
    void withoutAWarmUpTheWholePromptIsPrefilled() throws Exception {
        Task full = Tasks.answer(engine.name(), "Why is the sky blue?", "[1] Air scatters short wavelengths more.");

        Tasks.generation(engine.execute(Tasks.batch(full)).getFirst()).text().get(30, TimeUnit.SECONDS);

        assertThat(server.lastRequest().prefilledChars()).isEqualTo(TaskInputs.prompt(full).length());
    }

    @Test
    void failedWarmUpIsAFailedSignalNotATaskFailure() {
        server.behave(new TestingOpenAiServer.Behavior.Fail(503, "no free KV blocks"));

        TaskResult r = engine.execute(Tasks.batch(Tasks.warmUp(engine.name(), "Why?"))).getFirst();

        assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class, s ->
                assertThat(s.value()).isInstanceOfSatisfying(Signal.class, sig -> {
                    assertThat(sig.ok()).isFalse();
                    assertThat(sig.detail()).contains("503", "no free KV blocks", server.baseUrl());
                }));
    }
}
