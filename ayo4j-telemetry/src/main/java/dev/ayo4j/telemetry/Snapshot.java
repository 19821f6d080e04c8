// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * All samples of one sampling round.
 *
 * @param at          when the round began
 * @param tickerNanos the same instant on the agent's ticker, for rates between rounds
 * @param bySource    the samples by collector source ({@code proc}, {@code cgroup}, {@code nvml}, {@code scrape})
 */
public record Snapshot(Instant at, long tickerNanos, Map<String, List<Sample>> bySource,
                       Map<String, List<Sample>> byMetric) {
    public Snapshot {
        bySource = Map.copyOf(bySource);
        byMetric = Map.copyOf(byMetric);
    }

    /** A round of {@code bySource}, indexed by metric. */
    public Snapshot(Instant at, long tickerNanos, Map<String, List<Sample>> bySource) {
        this(at, tickerNanos, bySource, index(bySource));
    }

    /** Every sample of the round. */
    public List<Sample> all() {
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    /** The samples of {@code metric}. */
    public List<Sample> of(String metric) {
        return byMetric.getOrDefault(metric, List.of());
    }

    private static Map<String, List<Sample>> index(Map<String, List<Sample>> bySource) {
        Map<String, List<Sample>> m = new java.util.HashMap<>();
        for (List<Sample> samples : bySource.values()) {
            for (Sample s : samples) {
                m.computeIfAbsent(s.metric(), _ -> new java.util.ArrayList<>(4)).add(s);
            }
        }
        return m;
    }
}
