// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.Checks;
import java.util.List;
import java.util.Locale;

/**
 * A call's time on a device, {@code fixedNanos + perUnitNanos * units}, where a unit is whatever the
 * call's cost grows with (prompt characters, passages, query vectors).
 *
 * @param fixedNanos   time of a call with no units
 * @param perUnitNanos time per unit
 */
public record LinearCost(double fixedNanos, double perUnitNanos) {
    /** A call that takes no time. */
    public static final LinearCost FREE = new LinearCost(0, 0);

    public LinearCost {
        Checks.argument(fixedNanos >= 0 && perUnitNanos >= 0, "costs must be >= 0: %s + %s per unit", fixedNanos,
                perUnitNanos);
    }

    /** One observed call: its units and its time. */
    public record Sample(double units, double nanos) {}

    /** Nanoseconds a call of {@code units} takes. */
    public long nanos(double units) {
        return Math.round(fixedNanos + perUnitNanos * units);
    }

    /**
     * The least-squares line through {@code samples}, kept non-negative. Where the units barely vary
     * (the largest under 1.5 times the smallest) a line is not determined: the cost is then proportional
     * to the units, through the origin, as it also is where the fitted intercept or slope came out
     * negative. No samples give {@link #FREE}.
     */
    public static LinearCost fit(List<Sample> samples) {
        if (samples.isEmpty()) {
            return FREE;
        }
        double minX = samples.stream().mapToDouble(Sample::units).min().orElseThrow();
        double maxX = samples.stream().mapToDouble(Sample::units).max().orElseThrow();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Sample s : samples) {
            sx += s.units();
            sy += s.nanos();
            sxx += s.units() * s.units();
            sxy += s.units() * s.nanos();
        }
        int n = samples.size();
        if (maxX <= 0) {
            return new LinearCost(Math.max(0, sy / n), 0);
        }
        if (maxX >= 1.5 * minX) {
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            if (slope >= 0 && intercept >= 0) {
                return new LinearCost(intercept, slope);
            }
            if (slope < 0) {
                return new LinearCost(Math.max(0, sy / n), 0);
            }
            return new LinearCost(0, Math.max(0, sxy / sxx));
        }
        return new LinearCost(0, Math.max(0, sy / sx));
    }

    /** E.g. {@code 12.0 ms + 850.0 us/char}, in the given unit's name. */
    public String describe(String unit) {
        return String.format(Locale.ROOT, "%.1f ms + %.1f us/%s", fixedNanos / 1e6, perUnitNanos / 1e3, unit);
    }
}
