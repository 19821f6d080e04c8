// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest value of every sampled series as a Micrometer meter, so that one registry, and one scrape, shows
 * telemetry beside ayo4j's run metrics. A series becomes a meter the first time it is seen and reads its
 * latest value from then on; names are kept as sampled. Counters whose names end in {@code _total} become
 * counters (the Prometheus registry writes them under the same name); other series, counters included (TEI's
 * {@code te_request_count}, DCGM's energy), are gauges, since a Micrometer counter would rename them.
 */
final class SampleMeters {
    private static final System.Logger LOG = System.getLogger(SampleMeters.class.getName());

    private final MeterRegistry registry;
    private final Map<Series, double[]> values = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    SampleMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void update(List<Sample> samples) {
        for (Sample s : samples) {
            double[] cell = values.get(new Series(s.metric(), s.labels()));
            if (cell == null) {
                cell = register(s);
            }
            if (cell != null) {
                cell[0] = s.value();
            }
        }
    }

    private double[] register(Sample s) {
        if (refused.contains(s.metric())) {
            return null;
        }
        double[] cell = {s.value()};
        List<Tag> tags = new ArrayList<>(s.labels().size());
        s.labels().forEach((k, v) -> tags.add(Tag.of(k, v)));
        try {
            if (s.type() == Sample.Type.COUNTER && s.metric().endsWith("_total")) {
                FunctionCounter.builder(s.metric(), cell, c -> c[0]).tags(tags).register(registry);
            } else {
                Gauge.builder(s.metric(), cell, c -> c[0]).tags(tags).strongReference(true).register(registry);
            }
        } catch (IllegalArgumentException e) {
            // The Prometheus registry refuses a name seen before with other label names (or another type).
            refused.add(s.metric());
            LOG.log(System.Logger.Level.WARNING, "not exporting " + s.metric() + ": " + e.getMessage());
            return null;
        }
        values.put(new Series(s.metric(), s.labels()), cell);
        return cell;
    }

    /** Identity of a series. */
    private record Series(String metric, Map<String, String> labels) {}
}
