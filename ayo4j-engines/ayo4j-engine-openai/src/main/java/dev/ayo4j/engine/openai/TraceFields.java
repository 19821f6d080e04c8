// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reader of a task's trace context fields ({@code dev.ayo4j.spi.TraceContext#fields}) for a propagator. */
enum TraceFields implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
        return carrier.keySet();
    }

    @Override
    public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
        return carrier == null ? null : carrier.get(key);
    }
}
