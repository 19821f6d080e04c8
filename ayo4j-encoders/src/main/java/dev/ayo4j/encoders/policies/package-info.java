// SPDX-License-Identifier: Apache-2.0
/**
 * Arlo's length-bin {@link dev.ayo4j.spi.BatchPolicy batch policy} and the
 * {@link dev.ayo4j.encoders.policies.PolicyRegistry}, the one registry that finds batch policies by name:
 * FIFO fixed-count batches, Hugging Face TEI's FIFO padded-token budget and Infinity's sorted windows (all
 * built by {@link dev.ayo4j.runtime.policies.BatchPolicies}), and Arlo's length bins with congestion-aware
 * demotion. Policies are pure records; a text's length is its task's tokens per item
 * ({@link dev.ayo4j.runtime.policies.Queued#length}), so an Embed task of one text is measured exactly.
 */
@NullMarked
package dev.ayo4j.encoders.policies;

import org.jspecify.annotations.NullMarked;
