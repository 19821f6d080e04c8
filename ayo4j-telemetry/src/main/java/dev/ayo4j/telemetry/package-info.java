// SPDX-License-Identifier: Apache-2.0
/**
 * Hardware and engine telemetry: collectors of {@code /proc}, cgroups, NVIDIA GPUs (NVML through the
 * foreign-function API) and engines' {@code /metrics}, and the {@link dev.ayo4j.telemetry.TelemetryAgent} that
 * samples them into a Micrometer registry and trace files. Metrics of ayo4j's own runs belong to {@code
 * ayo4j-observability}.
 */
@NullMarked
package dev.ayo4j.telemetry;

import org.jspecify.annotations.NullMarked;
