// SPDX-License-Identifier: Apache-2.0
/**
 * Trace files: {@link dev.ayo4j.observability.files.TraceFiles} writes runs, primitives and telemetry samples
 * as size-bounded Parquet files through DuckDB, in the layout {@link dev.ayo4j.runtime.trace.TraceSchema}
 * fixes. Reading and analysing them belongs to the analytics module.
 */
@NullMarked
package dev.ayo4j.observability.files;

import org.jspecify.annotations.NullMarked;
