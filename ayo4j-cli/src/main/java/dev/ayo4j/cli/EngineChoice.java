// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.EngineFiles;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that name the engines of a command: an engine file, flags, or both. */
final class EngineChoice {
    @Option(names = "--engines", paramLabel = "FILE",
            description = "Engine file (YAML) naming each engine, its provider, roles and options.")
    Path file;

    @Option(names = "--engine", paramLabel = "NAME=PROVIDER[,KEY=VALUE]...",
            description = "One engine, e.g. llm=openai,baseUrl=http://127.0.0.1:8000/v1,model=qwen; roles=a+b "
                    + "sets its roles (default: the role its name names). Repeatable; adds to --engines.")
    List<String> flags = List.of();

    /** Whether any engine was named; without, a command runs on the embedded engines. */
    boolean given() {
        return file != null || !flags.isEmpty();
    }

    /**
     * Where the named engines serve Prometheus metrics, by engine name: the engine file's ({@link
     * EngineFiles#metricsUrls}), then the flags' defaults ({@link EngineFiles#defaultMetricsUrl}).
     */
    Map<String, URI> metricsUrls() {
        Map<String, URI> out = new LinkedHashMap<>();
        if (file != null) {
            out.putAll(EngineFiles.metricsUrls(file));
        }
        EngineProviders providers = EngineProviders.load();
        for (String f : flags) {
            EngineSpec spec = EngineFiles.parseFlag(f, providers);
            URI url = EngineFiles.defaultMetricsUrl(spec);
            if (url != null) {
                out.put(spec.name(), url);
            }
        }
        return out;
    }

    /** A builder holding the named engines. */
    Ayo4j.Builder builder() {
        Ayo4j.Builder b = Ayo4j.builder();
        if (file != null) {
            b.engines(file);
        }
        EngineProviders providers = EngineProviders.load();
        flags.forEach(f -> b.engine(EngineFiles.parseFlag(f, providers)));
        return b;
    }
}
