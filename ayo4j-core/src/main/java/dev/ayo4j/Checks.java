// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument and state checks with formatted messages, in the style of Caffeine's requireArgument. The
 * named checks ({@link #positive(int, String)}, {@link #nonNegative(long, String)}, {@link #notBlank}, ...)
 * return the value checked and word every refusal alike: {@code maxInputs must be > 0: 0}.
 */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} with the formatted message if {@code condition} is false. */
    public static void argument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /** Throws {@link IllegalStateException} with the formatted message if {@code condition} is false. */
    public static void state(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(template, args));
        }
    }

    /** Returns {@code value} if it is above 0; throws {@code NAME must be > 0: VALUE} otherwise. */
    public static int positive(int value, String name) {
        argument(value > 0, "%s must be > 0: %s", name, value);
        return value;
    }

    /** Returns {@code value} if it is above 0; throws {@code NAME must be > 0: VALUE} otherwise. */
    public static long positive(long value, String name) {
        argument(value > 0, "%s must be > 0: %s", name, value);
        return value;
    }

    /** Returns {@code value} if it is 0 or more; throws {@code NAME must be >= 0: VALUE} otherwise. */
    public static int nonNegative(int value, String name) {
        argument(value >= 0, "%s must be >= 0: %s", name, value);
        return value;
    }

    /** Returns {@code value} if it is 0 or more; throws {@code NAME must be >= 0: VALUE} otherwise. */
    public static long nonNegative(long value, String name) {
        argument(value >= 0, "%s must be >= 0: %s", name, value);
        return value;
    }

    /**
     * Returns {@code value} if it is longer than zero; throws {@code NAME must be positive: VALUE} otherwise,
     * and a {@link NullPointerException} naming it if it is null.
     */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        argument(value.isPositive(), "%s must be positive: %s", name, value);
        return value;
    }

    /**
     * Returns {@code value} if it holds more than white space; throws {@code NAME must not be blank}
     * otherwise, and a {@link NullPointerException} naming it if it is null.
     */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        argument(!value.isBlank(), "%s must not be blank", name);
        return value;
    }
}
