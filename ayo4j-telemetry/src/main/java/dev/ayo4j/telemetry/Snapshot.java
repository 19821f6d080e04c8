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
public record Snapshot(Instant at, long tickerNanos, Map<String, List<Sample>> bySource) {
    public Snapshot {
        bySource = Map.copyOf(bySource);
    }

    /** Every sample of the round. */
    public List<Sample> all() {
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    /** The samples of {@code metric}. */
    public List<Sample> of(String metric) {
        return all().stream().filter(s -> s.metric().equals(metric)).toList();
    }
}
