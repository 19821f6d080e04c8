// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One reading of one series: an exported metric name, its labels and its value.
 *
 * @param metric the exported name, e.g. {@code node_cpu_seconds_total} or {@code DCGM_FI_DEV_GPU_UTIL}
 * @param type   whether the value only grows ({@link Type#COUNTER}) or goes up and down
 * @param labels label names to values, sorted by name
 * @param value  the value
 */
public record Sample(String metric, Type type, SortedMap<String, String> labels, double value) {
    /** Kind of series. */
    public enum Type {
        /** A cumulative count: its rate is what one reads. */
        COUNTER,
        /** A value read as it is. */
        GAUGE
    }

    public Sample {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A gauge with labels given as name, value, name, value, .... */
    public static Sample gauge(String metric, double value, String... labels) {
        return new Sample(metric, Type.GAUGE, map(labels), value);
    }

    /** A counter with labels given as name, value, name, value, .... */
    public static Sample counter(String metric, double value, String... labels) {
        return new Sample(metric, Type.COUNTER, map(labels), value);
    }

    /** The labels as {@code k=v,k=v}, sorted by name; empty when there are none. */
    public String labelsText() {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The label {@code name}, or {@code null}. */
    public String label(String name) {
        return labels.get(name);
    }

    /** The identity of the series: metric name plus labels. */
    public String key() {
        return labels.isEmpty() ? metric : metric + "{" + labelsText() + "}";
    }

    private static SortedMap<String, String> map(String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + kv.length + " strings");
        }
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
