// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.cost;

import dev.ayo4j.Checks;

/**
 * Estimated service time of one engine call: {@code fixed + perItem*items + perToken*tokens +
 * perTokenSquared*tokens*tokens/items} milliseconds, where the last term stands for attention's
 * quadratic cost in sequence length (tokens per item).
 */
public record CostProfile(double fixedMs, double perItemMs, double perTokenMs, double perTokenSquaredMs) {
    /** A profile that costs nothing (inputs, outputs, in-place aggregation). */
    public static final CostProfile FREE = new CostProfile(0, 0, 0, 0);

    public CostProfile {
        Checks.argument(fixedMs >= 0 && perItemMs >= 0 && perTokenMs >= 0 && perTokenSquaredMs >= 0,
                "cost coefficients must be >= 0: %s %s %s %s", fixedMs, perItemMs, perTokenMs, perTokenSquaredMs);
    }

    public static CostProfile of(double fixedMs, double perItemMs, double perTokenMs) {
        return new CostProfile(fixedMs, perItemMs, perTokenMs, 0);
    }

    /** Milliseconds for a call of {@code items} items holding {@code tokens} tokens in all. */
    public double millis(int items, long tokens) {
        double perItemTokens = items == 0 ? 0 : (double) tokens / items;
        return fixedMs + perItemMs * items + perTokenMs * tokens + perTokenSquaredMs * tokens * perItemTokens;
    }

    public CostProfile withFixedMs(double v) {
        return new CostProfile(v, perItemMs, perTokenMs, perTokenSquaredMs);
    }

    public CostProfile withPerItemMs(double v) {
        return new CostProfile(fixedMs, v, perTokenMs, perTokenSquaredMs);
    }

    public CostProfile withPerTokenMs(double v) {
        return new CostProfile(fixedMs, perItemMs, v, perTokenSquaredMs);
    }

    public CostProfile withPerTokenSquaredMs(double v) {
        return new CostProfile(fixedMs, perItemMs, perTokenMs, v);
    }
}
