// SPDX-License-Identifier: Apache-2.0
/**
 * The encoder-serving benchmark on the real in-process ONNX engine ({@link
 * dev.ayo4j.bench.encoder.EncoderBenchmark}): policies compared under Poisson, bursty and saturating arrivals
 * of real text lengths, each run checked against the simulator, plus an SVG chart. No fake engine here.
 */
@NullMarked
package dev.ayo4j.bench.encoder;

import org.jspecify.annotations.NullMarked;
