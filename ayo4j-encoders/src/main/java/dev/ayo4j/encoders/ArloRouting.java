// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;
import dev.ayo4j.runtime.dispatch.Levels;
import java.util.function.IntToDoubleFunction;

/**
 * Arlo's congestion-aware choice of a length bin for one request (Arlo §4.3): walk from the tightest bin
 * that fits toward longer bins, at most {@code levels} of them; take the first whose congestion
 * (outstanding work / capacity) is below a threshold that starts at {@code lambda} and is multiplied by
 * {@code alpha} at each step, so demotion to a longer (costlier) bin needs ever more headroom; if none
 * qualifies, use the tightest bin.
 *
 * @param lambda congestion threshold of the tightest bin, in (0, 1]
 * @param alpha  factor applied to the threshold per step toward longer bins, in (0, 1]
 * @param levels most bins considered, including the tightest
 */
public record ArloRouting(double lambda, double alpha, int levels) {
    /** The paper's defaults: λ = 0.85, α = 0.9, L = 6. */
    public static final ArloRouting DEFAULT = new ArloRouting(0.85, 0.9, 6);

    public ArloRouting {
        Checks.argument(lambda > 0 && lambda <= 1, "lambda must be in (0, 1]: %s", lambda);
        Checks.argument(alpha > 0 && alpha <= 1, "alpha must be in (0, 1]: %s", alpha);
        Checks.argument(levels > 0, "levels must be > 0: %s", levels);
    }

    public ArloRouting withLambda(double value) {
        return new ArloRouting(value, alpha, levels);
    }

    public ArloRouting withAlpha(double value) {
        return new ArloRouting(lambda, value, levels);
    }

    public ArloRouting withLevels(int value) {
        return new ArloRouting(lambda, alpha, value);
    }

    /**
     * The bin for a request whose tightest fit is {@code tightest}, of {@code bins} bins. A bin that cannot
     * serve now (no worker) reports {@link Double#NaN} congestion: it is skipped without using up a level.
     * The fallback is the tightest bin that can serve, or {@code tightest} itself if none can.
     */
    public int choose(int tightest, int bins, IntToDoubleFunction congestion) {
        Checks.argument(tightest >= 0 && tightest < bins, "tightest bin %s outside 0..%s", tightest, bins - 1);
        double threshold = lambda;
        int fallback = -1;
        int tried = 0;
        for (int bin = tightest; bin < bins && tried < levels; bin++) {
            double c = congestion.applyAsDouble(bin);
            if (Double.isNaN(c)) {
                continue;
            }
            if (fallback < 0) {
                fallback = bin;
            }
            if (c < threshold) {
                return bin;
            }
            threshold *= alpha;
            tried++;
        }
        if (fallback >= 0) {
            return fallback;
        }
        for (int bin = tightest; bin < bins; bin++) {
            if (!Double.isNaN(congestion.applyAsDouble(bin))) {
                return bin;
            }
        }
        return tightest;
    }

    /**
     * {@link #choose(int, int, IntToDoubleFunction)} over the dispatch core's levels: a bin's congestion is its
     * queued and running items over its live members' {@code rowsPerMember} rows each; a bin without members
     * cannot serve.
     */
    public int choose(int tightest, int bins, Levels.Loads loads, IntToDoubleFunction rowsPerMember) {
        return choose(tightest, bins, b -> {
            int members = loads.members(b);
            return members == 0 ? Double.NaN
                    : (loads.queued(b) + loads.inFlight(b)) / (members * rowsPerMember.applyAsDouble(b));
        });
    }
}
