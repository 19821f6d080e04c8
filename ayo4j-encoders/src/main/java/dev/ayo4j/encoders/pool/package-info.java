// SPDX-License-Identifier: Apache-2.0
/**
 * The encoder pool: {@link dev.ayo4j.encoders.pool.EncoderPool}, an engine whose members are in-process ONNX
 * sessions or remote TEI-compatible servers, fed single texts by a length-aware batch policy (Arlo's bins,
 * routing and periodic allocation across members), with bounded queues, input checks and re-dispatch of a
 * failed member's work. HTTP serving lives in {@code dev.ayo4j.encoders.server}; policies in
 * {@code dev.ayo4j.encoders.policies}.
 */
@NullMarked
package dev.ayo4j.encoders.pool;

import org.jspecify.annotations.NullMarked;
