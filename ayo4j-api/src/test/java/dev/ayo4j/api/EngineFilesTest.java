// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.app.Role;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFilesTest {
    private static final EngineProviders PROVIDERS = EngineProviders.load();

    @Test
    void readsEachEnginesProviderRolesAndOptions() {
        List<EngineSpec> specs = EngineFiles.parse("e.yaml", """
                engines:
                  - name: small
                    provider: openai
                    roles: [llm]
                    options: {baseUrl: "http://127.0.0.1:1/v1", model: tiny, maxConcurrency: 4}
                  - name: vectors
                    provider: lucene
                    roles: vectors
                    options: {root: /tmp/x}
                """, PROVIDERS);
        assertThat(specs).extracting(EngineSpec::name).containsExactly("small", "vectors");
        assertThat(specs.getFirst().roles()).isEqualTo(Set.of(Role.LLM));
        assertThat(specs.getFirst().config().options()).containsEntry("maxConcurrency", "4");
        assertThat(specs.get(1).roles()).isEqualTo(Set.of(Role.VECTORS));
    }

    @Test
    void aFlagNamesAnEngineItsProviderAndOptions() {
        EngineSpec s = EngineFiles.parseFlag("llm=openai,baseUrl=http://127.0.0.1:1/v1,model=tiny", PROVIDERS);
        assertThat(s.name()).isEqualTo("llm");
        assertThat(s.provider()).isEqualTo("openai");
        assertThat(s.roles()).isEqualTo(Set.of(Role.LLM));
        assertThat(s.config().options()).containsEntry("model", "tiny");
        assertThat(EngineFiles.parseFlag("enc=tei,baseUrl=http://h:1,roles=embedder+reranker", PROVIDERS).roles())
                .isEqualTo(Set.of(Role.EMBEDDER, Role.RERANKER));
        assertThatThrownBy(() -> EngineFiles.parseFlag("llm=vllm", PROVIDERS)).hasMessageContaining("unknown provider 'vllm'");
        assertThatThrownBy(() -> EngineFiles.parseFlag("llm", PROVIDERS)).hasMessageContaining("NAME=PROVIDER");
    }

    @Test
    void remoteEnginesAreScrapedAtTheirMetricsFieldOrAtTheirServersMetrics(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("engines.yaml"), """
                engines:
                  - name: llm
                    provider: openai
                    roles: [llm]
                    options: {baseUrl: "http://10.0.0.7:8000/v1", model: qwen}
                  - name: embedder
                    provider: tei
                    roles: [embedder]
                    options: {baseUrl: "http://10.0.0.8:8080", role: embed}
                    metrics: http://10.0.0.8:9000/metrics
                  - name: reranker
                    provider: tei
                    roles: [reranker]
                    options: {baseUrl: "http://10.0.0.9:8080", role: rerank}
                    metrics: none
                  - name: vectors
                    provider: lucene
                    roles: [vectors]
                """);
        assertThat(EngineFiles.metricsUrls(file)).containsExactly(
                Map.entry("llm", URI.create("http://10.0.0.7:8000/metrics")),
                Map.entry("embedder", URI.create("http://10.0.0.8:9000/metrics")));
        assertThat(EngineFiles.defaultMetricsUrl(EngineFiles.parseFlag("enc=tei,baseUrl=http://h:1", PROVIDERS)))
                .isEqualTo(URI.create("http://h:1/metrics"));
    }

    @Test
    void aMetricsFieldThatIsNoUrlIsNamedWithItsLine() {
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", """
                engines:
                  - name: llm
                    provider: openai
                    options: {baseUrl: "http://10.0.0.7:8000/v1"}
                    metrics: 10.0.0.7:8000
                """, PROVIDERS)).isInstanceOf(ConfigFileException.class).hasMessageStartingWith("e.yaml:5")
                .hasMessageContaining("metrics must be an http(s) URL").hasMessageContaining("'10.0.0.7:8000'");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", "engines:\n  - name: [llm\n", PROVIDERS))
                .isInstanceOf(ConfigFileException.class).hasMessageStartingWith("e.yaml:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void anUnknownProviderIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", """
                engines:
                  - name: llm
                    provider: tensorrt
                """, PROVIDERS))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("e.yaml:3: engines[0].provider: unknown provider 'tensorrt'")
                .hasMessageContaining("llamacpp").hasMessageContaining("tei");
    }

    @Test
    void twoEnginesOfOneNameAreRefused() {
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", """
                engines:
                  - {name: llm, provider: lucene, options: {root: /tmp/a}}
                  - {name: llm, provider: lucene, options: {root: /tmp/b}}
                """, PROVIDERS))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("e.yaml:3: engines[1].name: two engines are called 'llm' (the first on line 2)");
    }

    @Test
    void anUnknownRoleOrFieldIsNamed() {
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", """
                engines:
                  - {name: llm, provider: lucene, roles: [writer]}
                """, PROVIDERS)).hasMessageContaining("unknown role 'writer'");
        assertThatThrownBy(() -> EngineFiles.parse("e.yaml", """
                engines:
                  - {name: llm, provider: lucene, option: {root: /tmp}}
                """, PROVIDERS)).hasMessageContaining("engines[0].option: unknown field 'option'");
    }
}
