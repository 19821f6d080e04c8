// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

/**
 * An LLM engine that counts its prompt work: the tokens it was sent and the tokens it prefilled, the
 * engine's own figures (see {@link PrefillCounts}). Benchmarks read it before and after a run; an engine
 * that does not implement it leaves the count to a model of its prompt cache.
 */
public interface PrefillCounter {
    /** The prompt work since the engine was opened; counters only grow. Thread-safe. */
    PrefillCounts prefillCounts();
}
