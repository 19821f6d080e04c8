// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.server.AppService.EngineLoad;
import dev.ayo4j.spi.EngineDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines as {@code GET /v1/engines} shows them: what each serves (provider, model, most calls in flight
 * at once), and its scheduler's queue depth, batches and tasks in flight,
 * and the busy fraction over a recent window of at least {@link #MIN_WINDOW}, from the schedulers' own busy
 * time. A window ends at a read and starts at the read that began it; reads closer together than the
 * minimum share the last window's figure, so many pollers cannot shrink it to noise. Thread-safe.
 */
final class EngineLoads {
    /** The shortest window a busy fraction is measured over: 1 second. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);

    /** The start of an engine's window and the fraction of the window before it. */
    private record Window(long atNanos, long busyNanos, double lastFraction, long lastWindowNanos) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** {@code loads} as JSON, each with its busy fraction. */
    ArrayNode json(List<EngineLoad> loads) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (EngineLoad l : loads) {
            Window w = windows.compute(l.name(), (_, old) -> {
                if (old == null) {
                    return new Window(l.atNanos(), l.busyNanos(), Double.NaN, 0);
                }
                long span = l.atNanos() - old.atNanos();
                if (span < MIN_WINDOW.toNanos()) {
                    return old;
                }
                double f = Math.min(1, Math.max(0, (double) (l.busyNanos() - old.busyNanos()) / span));
                return new Window(l.atNanos(), l.busyNanos(), f, span);
            });
            ObjectNode n = out.addObject().put("engine", l.name());
            // an engine that says nothing of itself (EngineDescription.of) has no provider or model to show
            if (l.description().equals(EngineDescription.of(l.name()))) {
                n.putNull("provider").putNull("model");
            } else {
                n.put("provider", l.description().provider()).put("model", l.description().model());
            }
            n.put("max_concurrency", l.maxConcurrency()).put("queued", l.queued())
                    .put("batches", l.batches()).put("batch_tasks", l.tasks())
                    .put("busy_seconds", l.busyNanos() / 1e9);
            if (Double.isNaN(w.lastFraction())) {
                n.putNull("busy_fraction");
            } else {
                n.put("busy_fraction", Math.round(w.lastFraction() * 1000) / 1000.0);
            }
            n.put("busy_window_s", w.lastWindowNanos() / 1e9);
        }
        return out;
    }
}
