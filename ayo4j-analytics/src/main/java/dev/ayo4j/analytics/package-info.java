// SPDX-License-Identifier: Apache-2.0
/**
 * Workload analytics: DuckDB in process over the run traces ({@code runs-*.parquet},
 * {@code primitives-*.parquet}), telemetry samples ({@code samples-*.parquet}) and workload traces (CSV), with
 * the queries as plain SQL files that Spark SQL also accepts, and self-contained HTML reports.
 */
package dev.ayo4j.analytics;
