// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.cost;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.primitive.Primitive;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Estimates of primitive service times and engine batch limits, per engine and primitive kind.
 *
 * <p>Defaults are CPU figures measured on a 2-core machine (an all-MiniLM-class encoder at about 6k
 * tokens/s, a 0.5B-class LLM at about 140 prefill and 30 decode tokens/s). Measured profiles override
 * them from a properties file, one line per coefficient:
 *
 * <pre>
 * # engine.Kind.coefficient = milliseconds
 * embedder.Embed.fixedMs = 4
 * embedder.Embed.perTokenMs = 0.16
 * embedder.maxBatch = 256
 * llm.Prefill.perTokenMs = 7
 * </pre>
 *
 * Kinds are primitive kind names ({@code Embed}, {@code Ingest}, {@code VectorSearch}, {@code Rerank},
 * {@code Prefill}, {@code PartialPrefill}, {@code Decode}); coefficients are {@code fixedMs},
 * {@code perItemMs}, {@code perTokenMs} and {@code perTokenSquaredMs}. User steps run in place, under the
 * pseudo engine {@value #LOCAL} ({@code local.Step.fixedMs = 50} for a step that calls a slow tool); by
 * default they cost nothing, as inputs, outputs and aggregates do.
 */
public final class CostModel {
    /** Pseudo engine name under which user steps, which run in place on no engine, are profiled. */
    public static final String LOCAL = "local";
    /** Most items per engine call of an engine whose capabilities were not given. */
    public static final int DEFAULT_MAX_BATCH = 512;
    /** Default tokens an item of a decoded JSON list takes. */
    public static final int TOKENS_PER_LIST_ITEM = 24;

    private static final Map<String, CostProfile> DEFAULTS = Map.of(
            "Embed", new CostProfile(4, 0, 0.16, 0.0002),
            "Ingest", CostProfile.of(15, 0.4, 0),
            "VectorSearch", CostProfile.of(1, 1, 0),
            "Rerank", CostProfile.of(4, 24, 0),
            "Prefill", CostProfile.of(20, 0, 7),
            "PartialPrefill", CostProfile.of(20, 0, 7),
            "Decode", CostProfile.of(0, 33, 0));

    private final Map<String, CostProfile> profiles;
    private final Map<String, Integer> maxBatch;
    private final Map<String, Integer> maxBatchTokens;
    /** Primitive kinds each engine declared it serves; engines not declared here may serve anything. */
    private final Map<String, Set<Class<? extends Primitive>>> served;

    private CostModel(Map<String, CostProfile> profiles, Map<String, Integer> maxBatch,
                      Map<String, Integer> maxBatchTokens) {
        this(profiles, maxBatch, maxBatchTokens, Map.of());
    }

    private CostModel(Map<String, CostProfile> profiles, Map<String, Integer> maxBatch,
                      Map<String, Integer> maxBatchTokens, Map<String, Set<Class<? extends Primitive>>> served) {
        this.profiles = Map.copyOf(profiles);
        this.maxBatch = Map.copyOf(maxBatch);
        this.maxBatchTokens = Map.copyOf(maxBatchTokens);
        this.served = Map.copyOf(served);
    }

    /**
     * Whether {@code engine} may serve primitives of {@code kind}: what it declared through
     * {@link #withEngine}, or {@code true} for an engine this model was not told about (a rule that adds
     * work to an engine asks this first).
     */
    public boolean mayServe(String engine, Class<? extends Primitive> kind) {
        Set<Class<? extends Primitive>> kinds = served.get(engine);
        return kinds == null || kinds.contains(kind);
    }

    /** The built-in CPU defaults for every engine. */
    public static CostModel defaults() {
        return new CostModel(Map.of(), Map.of(), Map.of());
    }

    /** Defaults overridden by the properties file at {@code path}; errors name the file and the key. */
    public static CostModel load(Path path) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new Ayo4jException("cannot read cost profile file " + path + ": " + e.getMessage(), e);
        }
        return defaults().withProperties(props, path.toString());
    }

    /** This model with the properties applied; {@code origin} names their source in errors. */
    public CostModel withProperties(Properties props, String origin) {
        Map<String, CostProfile> p = new HashMap<>(profiles);
        Map<String, Integer> b = new HashMap<>(maxBatch);
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key).trim();
            String[] parts = key.split("\\.");
            try {
                if (parts.length == 2 && parts[1].equals("maxBatch")) {
                    int n = Integer.parseInt(value);
                    if (n <= 0) {
                        throw new NumberFormatException("must be > 0");
                    }
                    b.put(parts[0], n);
                    continue;
                }
                if (parts.length != 3 || !DEFAULTS.containsKey(parts[1])) {
                    throw new Ayo4jException(origin + ": unknown cost key '" + key
                            + "'; expected engine.Kind.coefficient with Kind one of " + DEFAULTS.keySet());
                }
                double v = Double.parseDouble(value);
                String profileKey = parts[0] + "." + parts[1];
                CostProfile base = p.getOrDefault(profileKey, DEFAULTS.get(parts[1]));
                p.put(profileKey, switch (parts[2]) {
                    case "fixedMs" -> base.withFixedMs(v);
                    case "perItemMs" -> base.withPerItemMs(v);
                    case "perTokenMs" -> base.withPerTokenMs(v);
                    case "perTokenSquaredMs" -> base.withPerTokenSquaredMs(v);
                    default -> throw new Ayo4jException(origin + ": unknown coefficient '" + parts[2] + "' in '"
                            + key + "'; expected fixedMs, perItemMs, perTokenMs or perTokenSquaredMs");
                });
            } catch (IllegalArgumentException e) {
                throw new Ayo4jException(origin + ": bad value for '" + key + "': " + value + " (" + e.getMessage() + ")");
            }
        }
        return new CostModel(p, b, maxBatchTokens, served);
    }

    /** This model with one profile replaced. */
    public CostModel withProfile(String engine, String kind, CostProfile profile) {
        Map<String, CostProfile> p = new HashMap<>(profiles);
        p.put(engine + "." + kind, profile);
        return new CostModel(p, maxBatch, maxBatchTokens, served);
    }

    /** This model with an engine's batch limit replaced. */
    public CostModel withMaxBatch(String engine, int n) {
        Map<String, Integer> b = new HashMap<>(maxBatch);
        b.put(engine, n);
        return new CostModel(profiles, b, maxBatchTokens, served);
    }

    /**
     * This model with the limits {@code capabilities} declares for {@code engine}: its batch size and its
     * token budget per call. The entry point derives its one cost model from every engine this way.
     */
    public CostModel withEngine(String engine, dev.ayo4j.spi.EngineCapabilities capabilities) {
        Map<String, Integer> b = new HashMap<>(maxBatch);
        b.put(engine, capabilities.maxBatchSize());
        Map<String, Integer> t = new HashMap<>(maxBatchTokens);
        t.put(engine, capabilities.maxBatchTokens());
        Map<String, Set<Class<? extends Primitive>>> s = new HashMap<>(served);
        s.put(engine, Set.copyOf(capabilities.primitives()));
        return new CostModel(profiles, b, t, s);
    }

    /** Most input tokens one call to {@code engine} may carry ({@link Integer#MAX_VALUE} when not declared). */
    public int maxBatchTokens(String engine) {
        return maxBatchTokens.getOrDefault(engine, Integer.MAX_VALUE);
    }

    /** The profile of primitives of {@code kind} on {@code engine}. */
    public CostProfile profile(String engine, String kind) {
        CostProfile p = profiles.get(engine + "." + kind);
        return p != null ? p : DEFAULTS.getOrDefault(kind, CostProfile.FREE);
    }

    /** Most items one call to {@code engine} may carry. */
    public int maxBatch(String engine) {
        return maxBatch.getOrDefault(engine, DEFAULT_MAX_BATCH);
    }

    /** Estimated service time of {@code op} in milliseconds. */
    public double millis(Primitive op) {
        return switch (op) {
            case Primitive.Input _, Primitive.Output _, Primitive.Aggregate _ -> 0;
            case Primitive.Embed e -> profile(e.engine(), "Embed").millis(e.items(), (long) e.items() * e.tokensPerItem());
            case Primitive.Ingest i -> profile(i.engine(), "Ingest").millis(i.items(), 0);
            case Primitive.VectorSearch s -> profile(s.engine(), "VectorSearch").millis(s.queries(), 0);
            case Primitive.Rerank r -> profile(r.engine(), "Rerank").millis(r.storedVectors() ? 1 : r.candidates(), 0);
            case Primitive.Prefill p -> profile(p.engine(), "Prefill").millis(1, p.promptTokens());
            case Primitive.PartialPrefill p -> profile(p.engine(), "PartialPrefill").millis(1, p.prefixTokens());
            case Primitive.Decode d -> profile(d.engine(), "Decode").millis(d.maxTokens(), 0);
            case Primitive.DecodeItem d -> profile(d.engine(), "Decode").millis(TOKENS_PER_LIST_ITEM, 0);
            case Primitive.Step _ -> profile(LOCAL, "Step").millis(1, 0);
        };
    }
}
