// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.runtime.trace.TraceEvent;
import io.opentelemetry.api.trace.SpanKind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the spans of one primitive kind on one engine share, made once per pair instead of once per span: the
 * span name ({@code <operation> <model>} for engine calls, the kind otherwise), its kind, and its GenAI
 * operation, provider and model. Bounded by engines times primitive kinds.
 */
final class SpanShapes {
    private final Function<String, EngineDescription> engines;
    private final Map<String, Map<String, Shape>> byEngine = new ConcurrentHashMap<>();

    SpanShapes(Function<String, EngineDescription> engines) {
        this.engines = engines;
    }

    Shape get(String primitive, String engine) {
        Map<String, Shape> byPrimitive = byEngine.get(engine);
        if (byPrimitive == null) {
            byPrimitive = byEngine.computeIfAbsent(engine, _ -> new ConcurrentHashMap<>());
        }
        Shape s = byPrimitive.get(primitive);
        return s != null ? s : byPrimitive.computeIfAbsent(primitive, p -> shape(p, engine));
    }

    private Shape shape(String primitive, String engine) {
        String op = GenAi.operation(primitive);
        if (engine.equals(TraceEvent.LOCAL)) {
            return new Shape(primitive, SpanKind.INTERNAL, op, null, null);
        }
        EngineDescription d = engines.apply(engine);
        return new Shape(op != null ? op + " " + d.model() : primitive, SpanKind.CLIENT, op,
                op != null ? d.provider() : null, op != null ? d.model() : null);
    }

    /**
     * The shared part of a primitive's span.
     *
     * @param name      the span name
     * @param kind      {@code CLIENT} for an engine call, {@code INTERNAL} for work in place
     * @param operation {@code gen_ai.operation.name}, or null for a primitive that is not a model call
     * @param provider  {@code gen_ai.provider.name}, or null when not an engine's model call
     * @param model     {@code gen_ai.request.model}, or null with {@code provider}
     */
    record Shape(String name, SpanKind kind, String operation, String provider, String model) {}
}
