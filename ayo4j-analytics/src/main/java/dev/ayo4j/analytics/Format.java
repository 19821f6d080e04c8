// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import java.util.Locale;

/** How the reports write numbers. */
public final class Format {
    private Format() {}

    /** Milliseconds, with precision that suits their size; "-" for NaN. */
    public static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    /** A ratio as a percentage. */
    public static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "-";
    }

    /** A ratio as a multiple. */
    public static String times(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2fx", v) : "-";
    }

    /** A count with thousands separators. */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A plain number with up to {@code digits} decimals. */
    public static String num(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + digits + "f", v) : "-";
    }
}
