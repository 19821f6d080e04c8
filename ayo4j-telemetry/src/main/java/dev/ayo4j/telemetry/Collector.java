// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.util.List;

/**
 * Source of samples read from counters the system already keeps ({@code /proc}, cgroup files, NVML, an
 * engine's {@code /metrics}); reading never touches the workload.
 *
 * <p>Called from one thread at a time, once per sampling interval. {@link #collect()} returns what it could
 * read; a source that is absent or broken returns no samples and says why through {@link #status()}, rather
 * than throwing, so that the other collectors go on.
 */
public interface Collector extends AutoCloseable {
    /** Source label of the samples in trace files: {@code proc}, {@code cgroup}, {@code nvml} or {@code scrape}. */
    String source();

    /** The current samples. */
    List<Sample> collect();

    /** {@code null} while working; otherwise one line saying why it reads nothing. */
    default String status() {
        return null;
    }

    /** Releases what the collector holds (a native library, a client). */
    @Override
    default void close() {
    }
}
