// SPDX-License-Identifier: Apache-2.0
/**
 * Discrete-event simulation of encoder serving in virtual time: {@link dev.ayo4j.bench.sim.Workloads
 * request traces} (skewed and Twitter-like length mixes, Poisson, bursty MMPP and saturating arrivals), the
 * {@link dev.ayo4j.bench.sim.SchedulerSimulator} that replays a trace against any registered batch policy
 * on W workers of a cost profile, the {@link dev.ayo4j.bench.sim.ClusterSimulator} for Arlo's
 * per-bin worker allocation and for any encoder pool configuration, and
 * {@link dev.ayo4j.bench.sim.EncoderSimulations}, the entry point that prints the comparison tables. Both
 * simulators drive the runtime's dispatch core, the code the live schedulers and pools run, in
 * {@link dev.ayo4j.runtime.dispatch.VirtualTime}. Nothing here reads the clock or runs a model.
 */
@NullMarked
package dev.ayo4j.bench.sim;

import org.jspecify.annotations.NullMarked;
