// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.TaskInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's prefill counts from what servers report: a loopback server answers each request with the
 * next of a list of response bodies in the shape vLLM, SGLang and llama.cpp server send
 * ({@code bodies/}), and records the request bodies.
 */
class OpenAiEnginePrefillCountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Queue<String> answers = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();
    private OpenAiEngine engine;

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/v1/", exchange -> {
                try (exchange) {
                    requests.add(JSON.readTree(exchange.getRequestBody()));
                    String file = answers.remove();
                    byte[] body = body(file);
                    exchange.getResponseHeaders().add("Content-Type",
                            file.endsWith(".json") ? "application/json" : "text/event-stream");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(String file) throws IOException {
        try (InputStream in = OpenAiEnginePrefillCountsTest.class.getResourceAsStream("bodies/" + file)) {
            if (in == null) {
                throw new IOException("no recorded body " + file);
            }
            return in.readAllBytes();
        }
    }

    private OpenAiEngine engine(OpenAiApi api, boolean cachePrompt) {
        engine = OpenAiEngine.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .model("m").api(api).cachePrompt(cachePrompt).build();
        return engine;
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        server.stop(0);
    }

    private String answer(OpenAiEngine e) throws Exception {
        return Tasks.generation(e.execute(Tasks.batch(Tasks.answer(e.name(), "Why is the sky blue?",
                "[1] Air scatters short wavelengths more."))).getFirst()).text().get(30, TimeUnit.SECONDS);
    }

    /**
     * The prefill counts of an engine on {@code api}, not asked to cache prompts, after it answered once from the
     * recorded {@code body} with {@code text}.
     */
    private PrefillCounts countsAfterOneAnswer(OpenAiApi api, String body, String text) throws Exception {
        OpenAiEngine e = engine(api, false);
        answers.add(body);

        assertThat(answer(e)).isEqualTo(text);
        return e.prefillCounts();
    }

    @Test
    void vllmsCachedTokensGiveThePrefilledTokens() throws Exception {
        assertThat(countsAfterOneAnswer(OpenAiApi.COMPLETIONS, "vllm-completions-stream.txt",
                " Air scatters blue light.")).isEqualTo(new PrefillCounts(1, 412, 412 - 384, 0));
        assertThat(requests.getFirst().has("cache_prompt")).as("not sent to vLLM").isFalse();
    }

    @Test
    void sglangsCachedTokensOnTheChatApiGiveThePrefilledTokens() throws Exception {
        assertThat(countsAfterOneAnswer(OpenAiApi.CHAT, "sglang-chat-stream.txt", "Air scatters blue light."))
                .isEqualTo(new PrefillCounts(1, 230, 230 - 192, 0));
    }

    @Test
    void llamaCppServersTimingsGiveThePrefilledTokensAndItIsAskedToCacheThePrompt() throws Exception {
        OpenAiEngine e = engine(OpenAiApi.COMPLETIONS, true);
        answers.add("llamacpp-warmup.json");
        answers.add("llamacpp-completions-stream.txt");

        e.execute(Tasks.batch(Tasks.warmUp(e.name(), "Why is the sky blue?")));
        answer(e);

        // The warm-up prefilled its 120 tokens; the full prompt's 412 then needed 29 more.
        assertThat(e.prefillCounts()).isEqualTo(new PrefillCounts(2, 120 + 412, 120 + 29, 0));
        assertThat(e.prefillCounts().cachedTokens()).isEqualTo(412 - 29);
        assertThat(requests).allSatisfy(r -> assertThat(r.path("cache_prompt").asBoolean()).isTrue());
    }

    @Test
    void aServerThatReportsNoCacheHitsLeavesItsRequestsUnreported() throws Exception {
        OpenAiEngine e = engine(OpenAiApi.COMPLETIONS, false);
        answers.add("openai-compatible-no-cache-report.txt");

        answer(e);

        assertThat(e.prefillCounts()).isEqualTo(new PrefillCounts(1, 412, 412, 1));
        assertThat(e.prefillCounts().allReported()).isFalse();
    }

    @Test
    void everyQueryOfATemplateSendsItsStaticInstructionsFirst() throws Exception {
        OpenAiEngine e = engine(OpenAiApi.COMPLETIONS, false);
        answers.add("vllm-completions-stream.txt");
        answers.add("vllm-completions-stream.txt");

        for (String q : List.of("Why is the sky blue?", "What makes sunsets red?")) {
            Tasks.generation(e.execute(Tasks.batch(Tasks.answer(e.name(), q, "[1] Scattering."))).getFirst())
                    .text().get(30, TimeUnit.SECONDS);
        }

        String first = requests.get(0).path("prompt").asText();
        String second = requests.get(1).path("prompt").asText();
        assertThat(first).startsWith(Tasks.INSTRUCTIONS);
        assertThat(second).startsWith(Tasks.INSTRUCTIONS);
        assertThat(first).isEqualTo(TaskInputs.prompt(Tasks.answer(e.name(), "Why is the sky blue?", "[1] Scattering.")));
        assertThat(e.prefillCounts().requests()).isEqualTo(2);
    }
}
