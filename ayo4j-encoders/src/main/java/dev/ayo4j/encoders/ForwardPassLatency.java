// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;

/**
 * Latency of one encoder forward pass as a function of its padded shape: {@code batchSize} rows of
 * {@code paddedLength} tokens. Used by length-aware policies to judge whether a text is worth joining a
 * batch, by the {@link Allocator} for per-bin service times, and by the simulator as its clock.
 *
 * <p>Implementations are immutable and thread-safe; the result is positive and non-decreasing in both
 * arguments.
 */
@FunctionalInterface
public interface ForwardPassLatency {
    /** Nanoseconds one forward pass of {@code batchSize} rows padded to {@code paddedLength} tokens takes. */
    long latencyNanos(int batchSize, int paddedLength);

    /**
     * The measured CPU profile of all-MiniLM-L6-v2 fp32 on ONNX Runtime, 2 intra-op threads (notes-encoders
     * §3a): {@code a + b·bs·L + c·bs·L²} with a = 1.202 ms, b = 0.14946 ms/token, c = 5.441e-5 ms/token²,
     * fitted by relative-error least squares to the 12 p50 cells of the fp32 table (1×16 … 8×512 ms:
     * 7.95, 6.03, 10.71, 19.51, 43.37, 98.54, 23.40, 43.13, 77.27, 157.53, 312.56, 734.53), leaving out
     * the 1×16 cell whose p50 (7.95 ms) is noise (its min was 3.57 ms; the fit gives 3.61). Worst cell
     * error 7.4 % (8×256). Summed over the skewed 256-text workload one at a time it predicts about
     * 2.7 s against the 2.74 s measured.
     */
    public static ForwardPassLatency measuredCpuFp32() {
        return new QuadraticLatency(1.202, 0.14946, 5.441e-5);
    }

    /**
     * A cost of {@code a + b·bs·L + c·bs·L²} milliseconds, the shape measured on CPUs (notes-encoders §3a):
     * a fixed per-run overhead, a per-token term and an attention term.
     */
    static ForwardPassLatency quadratic(double aMillis, double bMillisPerToken, double cMillisPerToken2) {
        return new QuadraticLatency(aMillis, bMillisPerToken, cMillisPerToken2);
    }

    /**
     * Arlo's GPU profile: BERT-base, TensorRT static engines on an RTX 3090 (Arlo §2): latency is a
     * staircase with a step every 64 tokens, flat within a step; a 20-token request on the 512-token
     * runtime takes 4.86 ms and a 512-token run costs 4.22x a 64-token run, so one row costs
     * 0.622 ms + 0.530 ms per 64-token step (1.152 ms at 64, 4.86 ms at 512). The paper fixes the batch at
     * 1; for larger batches this model scales the per-step term with the rows, an assumption that
     * overstates a GPU's cost of small batches.
     */
    static ForwardPassLatency arloBertBase3090() {
        return new StaircaseLatency(0.622, 0.530, 64);
    }

    /** Fixed overhead plus a per-row cost per {@code step}-token stair: a static-shape accelerator. */
    static ForwardPassLatency staircase(double aMillis, double stepMillisPerRow, int step) {
        return new StaircaseLatency(aMillis, stepMillisPerRow, step);
    }
}

/** {@code a + b·bs·L + c·bs·L²} milliseconds. */
record QuadraticLatency(double a, double b, double c) implements ForwardPassLatency {
    QuadraticLatency {
        Checks.argument(a > 0 && b >= 0 && c >= 0, "cost coefficients must be a > 0, b >= 0, c >= 0: %s, %s, %s", a, b, c);
    }

    @Override
    public long latencyNanos(int batchSize, int paddedLength) {
        double tokens = (double) batchSize * paddedLength;
        return Math.round((a + b * tokens + c * tokens * paddedLength) * 1e6);
    }
}

/** {@code a + perStep·bs·ceil(L/step)} milliseconds. */
record StaircaseLatency(double a, double perStep, int step) implements ForwardPassLatency {
    StaircaseLatency {
        Checks.argument(a > 0 && perStep > 0 && step > 0, "staircase needs a > 0, perStep > 0, step > 0: %s, %s, %s",
                a, perStep, step);
    }

    @Override
    public long latencyNanos(int batchSize, int paddedLength) {
        long stairs = Math.max(1, (paddedLength + step - 1) / step);
        return Math.round((a + perStep * batchSize * stairs) * 1e6);
    }
}
