// SPDX-License-Identifier: Apache-2.0
/**
 * Encoder-pool logic for variable-length inputs (after Arlo, ICPP 2024): {@link dev.ayo4j.encoders.ForwardPassLatency
 * cost models} of a forward pass, {@link dev.ayo4j.encoders.LengthBins length bins}, Arlo's congestion-aware
 * {@link dev.ayo4j.encoders.ArloRouting routing} and periodic worker {@link dev.ayo4j.encoders.Allocator
 * allocation}. Everything here is pure: no clock, no I/O. Batch policies live in
 * {@code dev.ayo4j.encoders.policies}; engines (ONNX sessions) live in their engine modules.
 */
@NullMarked
package dev.ayo4j.encoders;

import org.jspecify.annotations.NullMarked;
