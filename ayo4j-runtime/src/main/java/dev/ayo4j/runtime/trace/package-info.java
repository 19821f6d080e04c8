// SPDX-License-Identifier: Apache-2.0
/**
 * What the runtime measured: one {@link dev.ayo4j.runtime.trace.TraceEvent} per primitive of a query,
 * with times read from the runtime's ticker. Values only; computing figures from them (critical path,
 * ratios) is the runtime's job, and exporting them is the CLI's and the benchmarks'.
 */
@NullMarked
package dev.ayo4j.runtime.trace;

import org.jspecify.annotations.NullMarked;
