// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

/** When an edge lets its consumer start. */
public enum EdgeKind {
    /** The consumer waits until the producer has completed. */
    COMPLETION,
    /**
     * The consumer may start once the producer has started and published its output handle, e.g.
     * decode reading a generation's token stream while it grows.
     */
    STREAM
}
