// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import java.util.Objects;

/**
 * One engine call (or primitive) of one query, for Gantt charts: nanoseconds from the query's start.
 *
 * @param label  what ran, e.g. {@code index.embed}
 * @param engine where it ran
 * @param start  start, from the query's start
 * @param end    end, from the query's start
 */
public record Span(String label, String engine, long start, long end) {
    public Span {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(engine, "engine");
    }
}
