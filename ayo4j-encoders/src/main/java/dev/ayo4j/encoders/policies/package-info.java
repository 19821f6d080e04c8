// SPDX-License-Identifier: Apache-2.0
/**
 * Length-aware {@link dev.ayo4j.spi.BatchPolicy batch policies} for encoders, comparable behind one SPI
 * and found by name in the {@link dev.ayo4j.encoders.policies.PolicyRegistry}: FIFO fixed-count batches,
 * Hugging Face TEI's FIFO padded-token budget, Infinity's sorted windows, and Arlo's length bins with
 * congestion-aware demotion. Policies are pure records; a text's length is its task's tokens per item, so
 * an Embed task of one text (the natural unit for per-text batching) is measured exactly.
 */
@NullMarked
package dev.ayo4j.encoders.policies;

import org.jspecify.annotations.NullMarked;
