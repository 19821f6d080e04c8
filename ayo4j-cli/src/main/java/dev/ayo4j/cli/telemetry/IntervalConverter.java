// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.telemetry;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads an interval written {@code 100ms}, {@code 1s}, {@code 2m} or in ISO-8601 ({@code PT1S}). */
public final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    @Override
    public Duration convert(String value) {
        Matcher m = SHORT.matcher(value.strip());
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                default -> n * 60_000;
            };
            return Duration.ofNanos(Math.round(millis * 1e6));
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an interval: write e.g. 100ms, 1s, 2m "
                    + "or PT1S");
        }
    }
}
