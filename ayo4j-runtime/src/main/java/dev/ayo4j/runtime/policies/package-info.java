// SPDX-License-Identifier: Apache-2.0
/**
 * Built-in {@link dev.ayo4j.spi.BatchPolicy batch policies}, made through the
 * {@link dev.ayo4j.runtime.policies.BatchPolicies} holder. Every policy is a pure function of the queue
 * view and the time it is given: no clock, no I/O, no mutable state. The scheduler that acts on their
 * decisions lives in {@code dev.ayo4j.runtime}.
 */
@NullMarked
package dev.ayo4j.runtime.policies;

import org.jspecify.annotations.NullMarked;
