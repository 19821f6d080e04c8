// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import java.util.Objects;

/**
 * Settings the {@link PolicyRegistry} factories read; each policy uses the ones that apply to it.
 *
 * @param maxBatch     most tasks per batch (fixed count for {@code fifo-fixed} and {@code sorted-window})
 * @param tokenBudget  most padded tokens (rows × longest) per batch, for {@code fifo-token-budget} and
 *                     {@code arlo}
 * @param maxWaitNanos how long a batch that is not full may wait while the engine is busy; 0 dispatches
 *                     whenever a worker asks
 * @param window       tasks {@code sorted-window} sorts at once (Infinity: 32 batches' worth)
 * @param scanLimit    queued tasks {@code arlo} places on its levels per decision
 * @param bins         {@code arlo}'s length bins
 * @param routing      {@code arlo}'s λ, α and L
 * @param cost         the engine's cost profile, for {@code arlo}'s join rule
 * @param costGate     whether {@code arlo} only batches a text where that is cheaper than running it alone
 */
public record EncoderPolicyConfig(int maxBatch, int tokenBudget, long maxWaitNanos, int window, int scanLimit,
                                  LengthBins bins, ArloRouting routing, ForwardPassLatency cost, boolean costGate) {
    /** Most tasks per batch by default: 32, the batch of the notes' fixed-count baseline and of Infinity. */
    public static final int DEFAULT_MAX_BATCH = 32;
    /** Padded-token budget by default: 1,024, best for throughput on the measured CPU (notes-encoders §3b c4). */
    public static final int DEFAULT_TOKEN_BUDGET = 1024;

    /**
     * CPU defaults: batch 32, budget 1,024 padded tokens, no waiting, a window of 32 batches, a scan of
     * 1,024 tasks, {@link LengthBins#cpuDefault()}, Arlo's λ/α/L, the measured fp32 CPU profile, cost gate on.
     */
    public static final EncoderPolicyConfig DEFAULT = new EncoderPolicyConfig(DEFAULT_MAX_BATCH,
            DEFAULT_TOKEN_BUDGET, 0, 32 * DEFAULT_MAX_BATCH, 1024, LengthBins.cpuDefault(), ArloRouting.DEFAULT,
            ForwardPassLatency.measuredCpuFp32(), true);

    public EncoderPolicyConfig {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        Checks.argument(tokenBudget > 0, "tokenBudget must be > 0: %s", tokenBudget);
        Checks.argument(maxWaitNanos >= 0, "maxWait must be >= 0: %s ns", maxWaitNanos);
        Checks.argument(window >= maxBatch, "window must be >= maxBatch: %s < %s", window, maxBatch);
        Checks.argument(scanLimit > 0, "scanLimit must be > 0: %s", scanLimit);
        Objects.requireNonNull(bins, "bins");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(cost, "cost");
    }

    public EncoderPolicyConfig withMaxBatch(int value) {
        return new EncoderPolicyConfig(value, tokenBudget, maxWaitNanos, Math.max(window, value), scanLimit, bins,
                routing, cost, costGate);
    }

    public EncoderPolicyConfig withTokenBudget(int value) {
        return new EncoderPolicyConfig(maxBatch, value, maxWaitNanos, window, scanLimit, bins, routing, cost, costGate);
    }

    public EncoderPolicyConfig withMaxWaitNanos(long value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, value, window, scanLimit, bins, routing, cost, costGate);
    }

    public EncoderPolicyConfig withWindow(int value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, maxWaitNanos, value, scanLimit, bins, routing, cost,
                costGate);
    }

    public EncoderPolicyConfig withBins(LengthBins value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, maxWaitNanos, window, scanLimit, value, routing, cost,
                costGate);
    }

    public EncoderPolicyConfig withRouting(ArloRouting value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, maxWaitNanos, window, scanLimit, bins, value, cost,
                costGate);
    }

    public EncoderPolicyConfig withCost(ForwardPassLatency value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, maxWaitNanos, window, scanLimit, bins, routing, value,
                costGate);
    }

    public EncoderPolicyConfig withCostGate(boolean value) {
        return new EncoderPolicyConfig(maxBatch, tokenBudget, maxWaitNanos, window, scanLimit, bins, routing, cost,
                value);
    }
}
