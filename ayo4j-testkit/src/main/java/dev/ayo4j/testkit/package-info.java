// SPDX-License-Identifier: Apache-2.0
/**
 * Test fixtures for ayo4j: a hand-driven {@link dev.ayo4j.testkit.ManualTicker}, the deterministic
 * in-memory {@link dev.ayo4j.testkit.TestingEngine}, and the conformance kits that every engine and batch
 * policy must pass ({@link dev.ayo4j.testkit.AbstractEngineContractTest},
 * {@link dev.ayo4j.testkit.AbstractBatchPolicyContractTest}).
 *
 * <p>Nothing here is a stand-in for a real engine in the CLI, a demo or a benchmark; it exists for unit
 * tests and the simulator only. Depends on core only, so the runtime's own tests can use it.
 */
@NullMarked
package dev.ayo4j.testkit;

import org.jspecify.annotations.NullMarked;
