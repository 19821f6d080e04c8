// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks one of a fixed set of choices by the name a user typed (an option's value, a field of a file),
 * ignoring case and surrounding white space; any other name fails with a message that names what was
 * asked for and the known names, in their order: {@code unknown pooling 'max'; known: mean, cls}.
 */
public final class Choices {
    private Choices() {}

    /**
     * The choice among {@code choices} whose name, as {@code nameOf} gives it, is {@code name}, ignoring case
     * and surrounding white space.
     *
     * @param what    what the choices are, for the message, e.g. {@code bundled encoder}
     * @param name    the name asked for, as the user gave it
     * @param choices the known choices, in the order the message lists them
     * @param nameOf  a choice's name
     * @throws IllegalArgumentException {@code unknown WHAT 'NAME'; known: A, B, C} if no choice has that name
     */
    public static <T> T byName(String what, String name, T[] choices, Function<? super T, String> nameOf) {
        Objects.requireNonNull(name, what);
        String wanted = name.strip();
        for (T choice : choices) {
            if (nameOf.apply(choice).equalsIgnoreCase(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: "
                + Arrays.stream(choices).map(nameOf).collect(Collectors.joining(", ")));
    }

    /**
     * The constant of {@code type} named {@code name}, ignoring case and surrounding white space: as
     * {@link #byName(String, String, Object[], Function)} with each constant's name in lower case.
     */
    public static <E extends Enum<E>> E byName(String what, String name, Class<E> type) {
        return byName(what, name, type.getEnumConstants(), Choices::lowerCase);
    }

    /** An enum constant's name in lower case, as users type it: {@code TRUNCATE} is {@code truncate}. */
    public static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
