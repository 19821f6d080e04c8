// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.telemetry.Sample;
import dev.ayo4j.telemetry.Snapshot;
import dev.ayo4j.telemetry.TelemetryAgent;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host as the telemetry agent running inside the server sees it, for {@code GET /v1/stats}: CPU busy
 * share of the machine and of this process between the agent's last two rounds, memory in use and in
 * total, and this process's resident memory. Thread-safe.
 */
final class HostLoad {
    /** The agent's last two rounds: {@code [before, latest]}. */
    private final AtomicReference<Snapshot[]> rounds;

    HostLoad(TelemetryAgent agent) {
        this.rounds = new AtomicReference<>(new Snapshot[] {null, agent.latest()});
        agent.listener(s -> rounds.updateAndGet(r -> new Snapshot[] {r[1], s}));
    }

    /** Writes {@code host}: {@code cpu} (a fraction), {@code process_cpu_cores} (null before two rounds), bytes. */
    void writeTo(ObjectNode out) {
        Snapshot[] r = rounds.get();
        Snapshot before = r[0];
        Snapshot now = r[1];
        ObjectNode h = out.putObject("host");
        double seconds = before == null || now == null ? 0 : (now.tickerNanos() - before.tickerNanos()) / 1e9;
        if (seconds > 0) {
            double total = 0;
            double idle = 0;
            for (Sample s : now.of("node_cpu_seconds_total")) {
                double delta = s.value() - value(before, s);
                total += delta;
                if ("idle".equals(s.label("mode"))) {
                    idle += delta;
                }
            }
            putFraction(h, "cpu", total > 0 ? (total - idle) / total : Double.NaN);
            putFraction(h, "process_cpu_cores", (first(now, "process_cpu_seconds_total")
                    - first(before, "process_cpu_seconds_total")) / seconds);
        } else {
            h.putNull("cpu").putNull("process_cpu_cores");
        }
        double memTotal = first(now, "node_memory_MemTotal_bytes");
        h.put("memory_total_bytes", memTotal)
                .put("memory_used_bytes", memTotal - first(now, "node_memory_MemAvailable_bytes"))
                .put("process_resident_bytes", first(now, "process_resident_memory_bytes"));
    }

    private static void putFraction(ObjectNode n, String name, double f) {
        if (Double.isNaN(f)) {
            n.putNull(name);
        } else {
            n.put(name, Math.round(Math.max(0, f) * 1000) / 1000.0);
        }
    }

    private static double value(Snapshot s, Sample like) {
        return s.of(like.metric()).stream().filter(x -> x.labels().equals(like.labels())).mapToDouble(Sample::value)
                .findFirst().orElse(like.value());
    }

    private static double first(Snapshot s, String metric) {
        return s == null ? 0 : s.of(metric).stream().mapToDouble(Sample::value).findFirst().orElse(0);
    }
}
