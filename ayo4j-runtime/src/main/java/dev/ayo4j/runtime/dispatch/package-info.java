// SPDX-License-Identifier: Apache-2.0
/**
 * The single-threaded dispatch core that every scheduler of ayo4j is a shell around: the runtime's
 * {@code EngineScheduler}, the encoders' pool and the simulators in virtual time. The core holds the
 * queues and the members' state, takes events (submit, complete, fail, cancel, probe results) and, on
 * {@link dev.ayo4j.runtime.dispatch.DispatchCore#tick() tick}, returns the
 * {@link dev.ayo4j.runtime.dispatch.Action actions} to perform, calling only pure
 * {@link dev.ayo4j.spi.BatchPolicy batch policies}, a pure {@link dev.ayo4j.runtime.dispatch.Levels}
 * strategy and its injected {@link dev.ayo4j.spi.Ticker}. Locks, threads and I/O belong to the shells, not
 * here.
 */
@NullMarked
package dev.ayo4j.runtime.dispatch;

import org.jspecify.annotations.NullMarked;
