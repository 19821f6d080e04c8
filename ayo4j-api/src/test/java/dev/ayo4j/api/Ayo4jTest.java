// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.PlanningException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Role;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.runtime.RunEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building an entry point from specs, and the errors of bad engine configurations. */
class Ayo4jTest {
    /** App file {@code name}.yaml: the question through one text step, user function {@code function}, to the answer. */
    private static App oneStep(String name, String function) {
        return AppFiles.parse(name + ".yaml", """
                app: %s
                inputs: {question: text}
                modules:
                  - step: {function: %s, inputs: [question], kind: text, into: answer}
                outputs: [answer]
                """.formatted(name, function), Map.of());
    }

    @TempDir
    Path dir;

    private EngineSpec vectors() {
        return EngineSpec.of("vectors", "lucene", Map.of("root", dir.resolve("data").toString()), Set.of(Role.VECTORS));
    }

    @Test
    void theCostModelTakesEachEnginesDeclaredLimits() throws IOException {
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        health.start();
        try (Ayo4j ayo = Ayo4j.builder().engine(vectors()).engine(EngineSpec.of("embedder", "tei",
                Map.of("baseUrl", "http://127.0.0.1:" + health.getAddress().getPort(), "maxBatch", "256"),
                Set.of(Role.EMBEDDER))).build()) {
            assertThat(ayo.costModel().maxBatch("embedder")).isEqualTo(256);
            assertThat(ayo.costModel().maxBatch("vectors")).isEqualTo(64);
            assertThat(ayo.engines()).extracting(EngineInfo::name).containsExactly("vectors", "embedder");
            assertThat(ayo.apps()).contains("advanced-rag", "naive-rag", "multi-call");
            assertThat(ayo.ready()).isTrue();
        } finally {
            health.stop(0);
        }
    }

    @Test
    void theProvidersRulesReachThePlanner() {
        var app = oneStep("echo", "same");
        int before = TestingRuleProvider.MATCHES.get();
        try (Ayo4j ayo = Ayo4j.builder().engine(EngineSpec.of("store", "testing-rules", Map.of(), Set.of()))
                .step("same", task -> task.input(Apps.QUESTION)).build()) {
            PreparedApp echo = ayo.prepare(app);
            assertThat(echo.run(Inputs.question("hello")).answer()).isEqualTo("hello");
            assertThat(echo.explain()).contains("== after engine-rules");
            int seen = TestingRuleProvider.MATCHES.get();
            PreparedApp plain = echo.withPasses(Passes.NONE);
            assertThat(plain.run(Inputs.question("hello")).answer()).isEqualTo("hello");
            assertThat(plain.explain()).as("no pass, not even the engines' rules").doesNotContain("== after");
            assertThat(TestingRuleProvider.MATCHES.get()).isEqualTo(seen);
        }
        assertThat(TestingRuleProvider.MATCHES.get()).isGreaterThan(before);
    }

    @Test
    void anUnreachableRemoteEngineFailsStartUpNamingItAndItsUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Ayo4j.builder().engine(vectors()).engine(EngineSpec.of("llm", "openai",
                        Map.of("baseUrl", "http://127.0.0.1:" + port + "/v1", "model", "m"), Set.of(Role.LLM)))
                .startTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("engine llm")
                .hasMessageContaining("http://127.0.0.1:" + port + "/v1");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void twoEnginesOfOneNameAreRefused() {
        assertThatThrownBy(() -> Ayo4j.builder().engine(vectors()).engine(vectors()).build())
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("two engines are called 'vectors'");
    }

    @Test
    void anUnknownProviderIsNamed() {
        assertThatThrownBy(() -> Ayo4j.builder().engine(EngineSpec.of("llm", "tensorrt", Map.of(), Set.of())).build())
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("'tensorrt'").hasMessageContaining("lucene");
    }

    @Test
    void anAppNeedingARoleNoEnginePlaysIsRefusedNamingIt() {
        try (Ayo4j ayo = Ayo4j.builder().engine(vectors()).build()) {
            assertThatThrownBy(() -> ayo.prepare("advanced-rag"))
                    .isInstanceOf(PlanningException.class)
                    .hasMessageContaining("app advanced-rag (module expand) needs role llm, which no engine plays");
            assertThatThrownBy(() -> ayo.prepare("no-such-app")).hasMessageContaining("unknown app 'no-such-app'");
        }
    }

    @Test
    void anAppFileStepRunsTheFunctionRegisteredOnTheBuilder() {
        var app = oneStep("shout", "upper");
        try (Ayo4j ayo = Ayo4j.builder().engine(vectors())
                .step("upper", task -> task.input(Apps.QUESTION).toUpperCase(java.util.Locale.ROOT)).build()) {
            Result r = ayo.prepare(app).run(Inputs.question("why so quiet?"));
            assertThat(r.answer()).isEqualTo("WHY SO QUIET?");
        }
        assertThatThrownBy(() -> AppFiles.parse("shout.yaml", """
                app: shout
                inputs: {question: text}
                modules:
                  - step: {function: upper, inputs: [topic], kind: text, into: answer}
                outputs: [answer]
                """, Map.of())).hasMessageStartingWith("shout.yaml:4: modules[0].step.inputs[0]: 'topic'");
    }

    @Test
    void aRunsOwnListenerHearsThatRunAloneBesideTheEntryPointsListener() throws Exception {
        var app = oneStep("shout", "upper");
        java.util.List<RunEvent> global = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<RunEvent> own = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Ayo4j ayo = Ayo4j.builder().engine(vectors()).listener(global::add)
                .step("upper", task -> task.input(Apps.QUESTION).toUpperCase(java.util.Locale.ROOT)).build()) {
            PreparedApp shout = ayo.prepare(app);
            shout.run(Inputs.question("first"));
            java.util.List<StreamEvent> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
            Result r = shout.stream(Inputs.question("second").listener(own::add), streamed::add).get();
            assertThat(r.answer()).isEqualTo("SECOND");
            assertThat(streamed).last().isInstanceOf(StreamEvent.Completed.class);
            assertThat(ayo.runtime().engineNames()).contains("vectors");
        }
        assertThat(own).last().isInstanceOf(RunEvent.Succeeded.class);
        assertThat(own.stream().map(RunEvent::queryId).distinct()).hasSize(1);
        assertThat(global.stream().map(RunEvent::queryId).distinct()).hasSize(2)
                .contains(own.getFirst().queryId());
    }

    @Test
    void anEngineFileWithABadProviderFailsBeforeAnyEngineIsCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("engines.yaml"), "engines:\n  - {name: llm, provider: vllm}\n");
        assertThatThrownBy(() -> Ayo4j.builder().engines(file))
                .isInstanceOf(ConfigFileException.class).hasMessageContaining("engines.yaml:2")
                .hasMessageContaining("unknown provider 'vllm'");
    }
}
