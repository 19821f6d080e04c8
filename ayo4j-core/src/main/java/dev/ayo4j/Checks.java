// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Argument and state checks with formatted messages, in the style of Caffeine's requireArgument. */
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
}
