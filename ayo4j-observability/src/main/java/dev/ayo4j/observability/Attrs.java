// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

/** Names of ayo4j's own span attributes, beside the GenAI ones in {@link GenAi}. */
public final class Attrs {
    /** The query (run) id: on spans only, never a metric label. */
    public static final String QUERY_ID = "ayo4j.query.id";
    /** Node id of the primitive in the run's graph. */
    public static final String NODE = "ayo4j.node";
    /** Primitive kind, e.g. {@code Embed}. */
    public static final String PRIMITIVE = "ayo4j.primitive";
    /** Engine name, or {@code local}. */
    public static final String ENGINE = "ayo4j.engine";
    /** How the primitive ended, the trace outcome in lower case. */
    public static final String OUTCOME = "ayo4j.outcome";
    /** Milliseconds from ready to started. */
    public static final String QUEUE_WAIT_MS = "ayo4j.queue.wait_ms";
    /** Engine batch id. */
    public static final String BATCH_ID = "ayo4j.batch.id";
    /** Primitives in that batch. */
    public static final String BATCH_SIZE = "ayo4j.batch.size";
    /** Run: end-to-end milliseconds. */
    public static final String E2E_MS = "ayo4j.e2e_ms";
    /** Run: measured critical path in milliseconds. */
    public static final String CRITICAL_PATH_MS = "ayo4j.critical_path_ms";
    /** Run: larger of critical path and busiest engine, in milliseconds. */
    public static final String LOWER_BOUND_MS = "ayo4j.lower_bound_ms";

    private Attrs() {
    }
}
