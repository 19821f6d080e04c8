// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import java.time.Instant;
import java.util.Objects;

/**
 * One telemetry sample as the {@code samples} files hold it.
 *
 * @param ts     when it was read
 * @param host   the machine
 * @param source {@code proc}, {@code cgroup}, {@code nvml} or {@code scrape}
 * @param metric the exported metric name, e.g. {@code node_cpu_seconds_total}
 * @param labels {@code k=v,k=v}, sorted by key; empty for none
 * @param value  the value
 */
public record SampleRow(Instant ts, String host, String source, String metric, String labels, double value) {
    public SampleRow {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(labels, "labels");
    }
}
