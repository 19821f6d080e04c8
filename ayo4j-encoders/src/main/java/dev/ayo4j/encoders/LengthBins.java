// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Length bins of an encoder: bin {@code i} holds texts of {@code upper(i-1)+1 .. upper(i)} tokens, and a text
 * longer than the last bound falls in the last bin (encoders truncate at their maximum length anyway).
 *
 * @param upperBounds strictly increasing inclusive upper bounds, at least one
 */
public record LengthBins(List<Integer> upperBounds) {
    public LengthBins {
        upperBounds = List.copyOf(upperBounds);
        Checks.argument(!upperBounds.isEmpty(), "length bins need at least one bound");
        int previous = 0;
        for (int b : upperBounds) {
            Checks.argument(b > previous, "length bin bounds must be positive and strictly increasing: %s", upperBounds);
            previous = b;
        }
    }

    /** Bins with the given inclusive upper bounds. */
    public static LengthBins of(int... upperBounds) {
        List<Integer> list = new ArrayList<>(upperBounds.length);
        for (int b : upperBounds) {
            list.add(b);
        }
        return new LengthBins(list);
    }

    /**
     * The default for CPU encoders: 32, 64, 128, 256, 512. On a CPU every padded token costs (cost is close
     * to linear in tokens, notes-encoders §3a; there is no 64-token staircase to exploit), so bins double and
     * padding inside a bin is bounded by 2x. {@link #fromLatency} with {@link ForwardPassLatency#measuredCpuFp32()},
     * 32-token granularity and a cost-waste bound of 1.0 gives nearly the same bounds (32, 64, 128, 224, 448,
     * 512): the attention term makes long bins slightly narrower.
     */
    public static LengthBins cpuDefault() {
        return of(32, 64, 128, 256, 512);
    }

    /** Bins every {@code step} tokens up to {@code maxLength}: Arlo's 64-token staircase bins on a GPU. */
    public static LengthBins uniform(int step, int maxLength) {
        Checks.argument(step > 0 && maxLength >= step, "need 0 < step <= maxLength: %s, %s", step, maxLength);
        List<Integer> list = new ArrayList<>();
        for (int b = step; b < maxLength; b += step) {
            list.add(b);
        }
        list.add(maxLength);
        return new LengthBins(list);
    }

    /**
     * Bins from a measured profile: each bin starts just above the previous bound and grows, in steps of
     * {@code granularity} tokens, as long as a single text padded to the bound costs at most
     * {@code 1 + maxWaste} times one at the bin's lowest length. A staircase profile (flat within a tile)
     * yields one bin per stair; a linear CPU profile yields geometric bins.
     */
    public static LengthBins fromLatency(ForwardPassLatency cost, int maxLength, int granularity, double maxWaste) {
        Checks.argument(maxLength > 0 && granularity > 0 && maxWaste >= 0,
                "need maxLength > 0, granularity > 0, maxWaste >= 0: %s, %s, %s", maxLength, granularity, maxWaste);
        List<Integer> bounds = new ArrayList<>();
        int low = 1;
        while (low <= maxLength) {
            double limit = (1 + maxWaste) * cost.latencyNanos(1, low);
            int bound = Math.min(maxLength, ((low + granularity - 1) / granularity) * granularity);
            while (bound + granularity <= maxLength && cost.latencyNanos(1, bound + granularity) <= limit) {
                bound += granularity;
            }
            bounds.add(bound);
            low = bound + 1;
        }
        return new LengthBins(bounds);
    }

    /** Number of bins. */
    public int count() {
        return upperBounds.size();
    }

    /** Inclusive upper bound of bin {@code bin}. */
    public int upper(int bin) {
        return upperBounds.get(bin);
    }

    /** The tightest bin that fits a text of {@code length} tokens (the last bin for longer texts). */
    public int binOf(int length) {
        for (int i = 0; i < upperBounds.size(); i++) {
            if (length <= upperBounds.get(i)) {
                return i;
            }
        }
        return upperBounds.size() - 1;
    }
}
