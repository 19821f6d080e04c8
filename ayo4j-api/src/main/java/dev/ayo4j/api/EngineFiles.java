// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.Role;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an engine file: YAML naming each engine, its provider, the roles it plays and its options.
 *
 * <pre>
 * engines:
 *   - name: llm
 *     provider: openai            # llamacpp, openai, onnx, tei, lucene, or any provider on the class path
 *     roles: [llm]                # llm, embedder, reranker, vectors
 *     options:
 *       baseUrl: http://127.0.0.1:8000/v1
 *       model: qwen2.5-0.5b
 *   - name: embedder
 *     provider: tei
 *     roles: [embedder]
 *     options: {baseUrl: "http://127.0.0.1:8080", role: embed}
 *     metrics: http://127.0.0.1:9000/metrics   # optional: where the server serves Prometheus text
 * </pre>
 *
 * Everything is checked before any engine is created: malformed YAML, an unknown field, provider or
 * role, two engines of one name, a {@code metrics} field that is neither an http(s) URL nor {@code none};
 * each error names the file, line and field.
 *
 * <p>{@code metrics} tells the telemetry agent ({@code ayo4j telemetry}, and the one inside {@code ayo4j
 * serve}) where to scrape a remote engine's own metrics; without it, an engine of provider {@code openai} or
 * {@code tei} is scraped at {@code /metrics} of its {@code baseUrl}'s server (where vLLM, SGLang, llama.cpp
 * server, TEI's main port and {@code ayo4j serve encoder} serve them), and {@code metrics: none} turns that
 * off. In-process engines have none.
 */
public final class EngineFiles {
    private static final Set<String> ENGINE_FIELDS = Set.of("name", "provider", "roles", "options", "metrics");
    /** Providers of remote engines whose server serves {@code /metrics} beside its API by default. */
    private static final Set<String> SCRAPED_PROVIDERS = Set.of("openai", "tei");
    /** Value of {@code metrics} that turns scraping of an engine off. */
    public static final String NO_METRICS = "none";

    private EngineFiles() {}

    private static URI metricsUrl(YamlTree.Node node, String value) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw node.error("metrics must be an http(s) URL, e.g. http://127.0.0.1:8000/metrics, or %s: '%s'",
                NO_METRICS, value);
    }

    /** The engine specs of the file at {@code file}, checked against the providers on the class path. */
    public static List<EngineSpec> load(Path file) {
        return parse(file.toString(), read(file), EngineProviders.load());
    }

    /**
     * Where the engines of the file at {@code file} serve Prometheus metrics, by engine name in file order:
     * each engine's {@code metrics} field, else its {@link #defaultMetricsUrl default}; engines with {@code
     * metrics: none} and engines without a default are left out. The file is checked as {@link #load} does.
     */
    public static Map<String, URI> metricsUrls(Path file) {
        Map<String, URI> out = new LinkedHashMap<>();
        for (Entry e : entries(file.toString(), read(file), EngineProviders.load())) {
            URI url = e.metrics() != null ? e.metrics() : e.noMetrics() ? null : defaultMetricsUrl(e.spec());
            if (url != null) {
                out.put(e.spec().name(), url);
            }
        }
        return out;
    }

    /**
     * Where an engine's server serves Prometheus metrics unless its entry says otherwise: for providers
     * {@code openai} and {@code tei}, {@code /metrics} at the root of its {@code baseUrl} (so {@code
     * http://10.0.0.7:8000/v1} gives {@code http://10.0.0.7:8000/metrics}); null for other providers and for
     * a missing or malformed {@code baseUrl} (which the provider reports when the engine is made).
     */
    public static @Nullable URI defaultMetricsUrl(EngineSpec spec) {
        String base = spec.config().options().get("baseUrl");
        if (!SCRAPED_PROVIDERS.contains(spec.provider()) || base == null || base.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(base.strip());
            return u.getScheme() == null || u.getHost() == null ? null : u.resolve("/metrics");
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file.toString(), 0, "", "cannot read the engine file: " + e.getMessage());
        }
    }

    /**
     * The engine spec of a command-line flag {@code NAME=PROVIDER[,KEY=VALUE]...}, e.g.
     * {@code llm=openai,baseUrl=http://127.0.0.1:8000/v1,model=qwen}; the key {@code roles} lists roles
     * joined by {@code +} (default: the role {@code NAME} names, if any). Throws naming what is wrong.
     */
    public static EngineSpec parseFlag(String flag, EngineProviders providers) {
        String[] parts = flag.split(",", -1);
        int eq = parts[0].indexOf('=');
        if (eq <= 0 || eq == parts[0].length() - 1) {
            throw new dev.ayo4j.Ayo4jException("engine flag '" + flag + "': expected NAME=PROVIDER[,KEY=VALUE]...");
        }
        String name = parts[0].substring(0, eq).strip();
        String provider = parts[0].substring(eq + 1).strip();
        if (!providers.names().contains(provider)) {
            throw new dev.ayo4j.Ayo4jException("engine flag '" + flag + "': unknown provider '" + provider
                    + "'; providers: " + providers.names());
        }
        Map<String, String> options = new LinkedHashMap<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (Role.byKey(name) != null) {
            roles.add(Role.byKey(name));
        }
        for (int i = 1; i < parts.length; i++) {
            int e = parts[i].indexOf('=');
            if (e <= 0) {
                throw new dev.ayo4j.Ayo4jException("engine flag '" + flag + "': '" + parts[i] + "' is not KEY=VALUE");
            }
            String key = parts[i].substring(0, e).strip();
            String value = parts[i].substring(e + 1).strip();
            if (key.equals("roles")) {
                roles.clear();
                for (String r : value.split("\\+")) {
                    Role role = Role.byKey(r);
                    if (role == null) {
                        throw new dev.ayo4j.Ayo4jException("engine flag '" + flag + "': unknown role '" + r
                                + "'; roles: " + Arrays.stream(Role.values()).map(Role::key).toList());
                    }
                    roles.add(role);
                }
            } else {
                options.put(key, value);
            }
        }
        return EngineSpec.of(name, provider, options, roles);
    }

    /** The engine specs of {@code text}, read as the file called {@code file}. */
    public static List<EngineSpec> parse(String file, String text, EngineProviders providers) {
        return entries(file, text, providers).stream().map(Entry::spec).toList();
    }

    /**
     * One engine of a file: its spec and its {@code metrics} field.
     *
     * @param metrics   the URL given, or null
     * @param noMetrics whether the field says {@value #NO_METRICS}
     */
    private record Entry(EngineSpec spec, @Nullable URI metrics, boolean noMetrics) {}

    private static List<Entry> entries(String file, String text, EngineProviders providers) {
        YamlTree.MapNode root = YamlTree.parse(file, text);
        root.allowOnly(Set.of("engines"));
        YamlTree.ListNode list = YamlTree.list(root.required("engines"));
        if (list.items().isEmpty()) {
            throw list.error("no engines are listed");
        }
        List<Entry> specs = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        for (YamlTree.Node item : list.items()) {
            YamlTree.MapNode m = YamlTree.map(item);
            m.allowOnly(ENGINE_FIELDS);
            String name = m.text("name").strip();
            if (name.isEmpty()) {
                throw m.required("name").error("an engine needs a name");
            }
            Integer earlier = lines.putIfAbsent(name, m.line());
            if (earlier != null) {
                throw m.required("name").error("two engines are called '%s' (the first on line %d)", name, earlier);
            }
            YamlTree.Node providerNode = m.required("provider");
            String provider = YamlTree.scalar(providerNode).text().strip();
            if (!providers.names().contains(provider)) {
                throw providerNode.error("unknown provider '%s'; providers: %s", provider, providers.names());
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            YamlTree.Node rolesNode = m.get("roles");
            if (rolesNode != null) {
                List<YamlTree.Node> items = rolesNode instanceof YamlTree.ListNode l ? l.items() : List.of(rolesNode);
                for (YamlTree.Node r : items) {
                    String key = YamlTree.scalar(r).text();
                    Role role = Role.byKey(key);
                    if (role == null) {
                        throw r.error("unknown role '%s'; roles: %s", key,
                                Arrays.stream(Role.values()).map(Role::key).toList());
                    }
                    roles.add(role);
                }
            }
            Map<String, String> options = new LinkedHashMap<>();
            YamlTree.Node optionsNode = m.get("options");
            if (optionsNode != null && !(optionsNode instanceof YamlTree.Scalar s && s.text().isEmpty())) {
                YamlTree.map(optionsNode).fields().forEach((k, v) -> options.put(k, YamlTree.scalar(v).text()));
            }
            URI metrics = null;
            boolean noMetrics = false;
            YamlTree.Node metricsNode = m.get("metrics");
            if (metricsNode != null) {
                String value = YamlTree.scalar(metricsNode).text().strip();
                noMetrics = value.equals(NO_METRICS);
                metrics = noMetrics ? null : metricsUrl(metricsNode, value);
            }
            specs.add(new Entry(EngineSpec.of(name, provider, options, roles), metrics, noMetrics));
        }
        return List.copyOf(specs);
    }
}
