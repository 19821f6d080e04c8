// SPDX-License-Identifier: Apache-2.0
/**
 * Modeled devices: a projection of the app benchmark onto hardware where every engine has a device of
 * its own. {@link dev.ayo4j.bench.devices.DeviceCalibration} fits each engine's call costs on this
 * machine's real engines, one call at a time; {@link dev.ayo4j.bench.devices.ModeledDevices} then serves
 * the same workloads from engines that take exactly those times on their own device (a prefill holds the
 * LLM; generations in flight decode together; an encoder serves one call at a time) while the real
 * runtime, planner and baselines run unchanged. Outputs come from {@code ayo4j-testkit}'s deterministic
 * engine, so answers are not meaningful text, but the same for the same prompt.
 */
@NullMarked
package dev.ayo4j.bench.devices;

import org.jspecify.annotations.NullMarked;
