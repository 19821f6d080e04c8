// SPDX-License-Identifier: Apache-2.0
/**
 * Observability of ayo4j runs: {@link dev.ayo4j.observability.Observability} turns run events into Micrometer
 * metrics (OpenTelemetry GenAI names, {@code ayo4j.*} otherwise) and OpenTelemetry spans, and scrapes them as
 * Prometheus text. Trace files on disk are in {@code files}. Hardware collectors do not belong here (see
 * {@code ayo4j-telemetry}).
 */
@NullMarked
package dev.ayo4j.observability;

import org.jspecify.annotations.NullMarked;
