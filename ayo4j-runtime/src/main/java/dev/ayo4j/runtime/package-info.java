// SPDX-License-Identifier: Apache-2.0
/**
 * The ayo4j runtime: {@link dev.ayo4j.runtime.Ayo4jRuntime} runs primitive graphs as queries, each an
 * event-driven run of its own, over one {@link dev.ayo4j.runtime.EngineScheduler} per engine that
 * batches across queries by remaining critical path. Also value coercions along edges and the
 * {@link dev.ayo4j.runtime.QueryResult} every query reports.
 *
 * <p>Batch policies live in {@code policies}, trace records in {@code trace}. Engines themselves, and
 * how graphs are optimized, do not belong here.
 */
@NullMarked
package dev.ayo4j.runtime;

import org.jspecify.annotations.NullMarked;
