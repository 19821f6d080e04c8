// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Request arrivals of a production trace in the Azure LLM inference format ({@code TIMESTAMP,
 * ContextTokens,GeneratedTokens}), as offsets from the first arrival; a window of it can be time-scaled
 * to another mean rate, which keeps the inter-arrival pattern (bursts and gaps) and only stretches it.
 *
 * @param origin   where the arrivals came from, for reports
 * @param arrivals in time order, the first at offset 0
 */
public record ArrivalTrace(String origin, List<Arrival> arrivals) {
    /** The header the file must start with. */
    public static final List<String> HEADER = List.of("TIMESTAMP", "ContextTokens", "GeneratedTokens");
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    private static final CsvMapper CSV = new CsvMapper();

    /**
     * One request.
     *
     * @param offsetNanos     when it arrives, from the first arrival
     * @param contextTokens   its prompt's tokens in the trace
     * @param generatedTokens its output's tokens in the trace
     */
    public record Arrival(long offsetNanos, int contextTokens, int generatedTokens) {
        public Arrival {
            Checks.argument(offsetNanos >= 0, "offset must be >= 0: %s", offsetNanos);
        }
    }

    public ArrivalTrace {
        Objects.requireNonNull(origin, "origin");
        arrivals = List.copyOf(arrivals);
        Checks.argument(!arrivals.isEmpty(), "a trace needs at least one arrival: %s", origin);
        for (int i = 1; i < arrivals.size(); i++) {
            Checks.argument(arrivals.get(i).offsetNanos() >= arrivals.get(i - 1).offsetNanos(),
                    "arrivals must be in time order: %s", origin);
        }
    }

    /**
     * Reads {@code file}: the header {@link #HEADER}, then one request a row.
     *
     * @throws Ayo4jException naming the file and line of a missing or wrong header, a row with the wrong
     *                        number of fields, a timestamp that does not parse, a negative or non-numeric
     *                        token count, or a timestamp earlier than the row before; or the file unreadable
     */
    public static ArrivalTrace read(Path file) {
        List<Arrival> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<List<String>> rows = CSV.readerForListOf(String.class)
                     .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(r)) {
            if (!rows.hasNext()) {
                throw new Ayo4jException(file + " is empty: expected the header " + String.join(",", HEADER));
            }
            List<String> header = rows.next().stream().map(String::strip).toList();
            if (!header.equals(HEADER)) {
                throw new Ayo4jException(String.format("%s line 1: expected the header %s, found %s", file,
                        String.join(",", HEADER), String.join(",", header)));
            }
            LocalDateTime first = null;
            long previous = -1;
            int line = 1;
            while (rows.hasNext()) {
                List<String> row = rows.next();
                line++;
                if (row.size() == 1 && row.getFirst().isBlank()) {
                    continue;
                }
                if (row.size() != HEADER.size()) {
                    throw bad(file, line, "expected " + HEADER.size() + " fields, found " + row.size());
                }
                LocalDateTime at;
                try {
                    at = LocalDateTime.parse(row.get(0).strip(), TIMESTAMP);
                } catch (DateTimeParseException e) {
                    throw bad(file, line, "TIMESTAMP '" + row.get(0) + "' is not like 2023-11-16 18:15:46.6805900");
                }
                first = first == null ? at : first;
                long offset = Duration.between(first, at).toNanos();
                if (offset < previous) {
                    throw bad(file, line, "TIMESTAMP " + row.get(0) + " is earlier than the row before");
                }
                previous = offset;
                out.add(new Arrival(offset, tokens(file, line, "ContextTokens", row.get(1)),
                        tokens(file, line, "GeneratedTokens", row.get(2))));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Ayo4jException a) {
                throw a;
            }
            throw new Ayo4jException("cannot read the arrival trace " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new Ayo4jException(file + " has a header but no requests");
        }
        return new ArrivalTrace(file.toString(), out);
    }

    private static int tokens(Path file, int line, String column, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw bad(file, line, column + " must be >= 0: " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(file, line, column + " '" + value + "' is not a whole number");
        }
    }

    private static Ayo4jException bad(Path file, int line, String what) {
        return new Ayo4jException(String.format("%s line %d: %s", file, line, what));
    }

    /** Requests in the trace. */
    public int size() {
        return arrivals.size();
    }

    /**
     * The {@code n} requests from index {@code start}, their offsets from the first of them.
     *
     * @throws IllegalArgumentException if the trace has fewer than {@code start + n} requests
     */
    public ArrivalTrace window(int start, int n) {
        Checks.argument(start >= 0 && n > 0, "window needs start >= 0 and n > 0: %s, %s", start, n);
        Checks.argument(start + n <= arrivals.size(), "the trace %s has %s requests; a window of %s from %s needs more",
                origin, arrivals.size(), n, start);
        long base = arrivals.get(start).offsetNanos();
        return new ArrivalTrace(String.format("%s rows %d-%d", origin, start + 1, start + n),
                arrivals.subList(start, start + n).stream()
                        .map(a -> new Arrival(a.offsetNanos() - base, a.contextTokens(), a.generatedTokens())).toList());
    }

    /** From the first arrival to the last. */
    public long spanNanos() {
        return arrivals.getLast().offsetNanos();
    }

    /** Arrivals per second: (n - 1) over the span, so that scaling the span scales the rate exactly. */
    public double meanRate() {
        Checks.state(arrivals.size() > 1 && spanNanos() > 0, "the rate of %s needs two arrivals apart in time", origin);
        return (arrivals.size() - 1) / (spanNanos() / 1e9);
    }

    /** This trace stretched (or compressed) in time so that its {@link #meanRate()} is {@code rate}. */
    public ArrivalTrace scaledTo(double rate) {
        Checks.argument(rate > 0 && Double.isFinite(rate), "rate must be > 0: %s", rate);
        double factor = meanRate() / rate;
        return new ArrivalTrace(origin, arrivals.stream().map(a -> new Arrival(Math.round(a.offsetNanos() * factor),
                a.contextTokens(), a.generatedTokens())).toList());
    }

    /** The arrivals' offsets, in nanoseconds. */
    public List<Long> offsets() {
        return arrivals.stream().map(Arrival::offsetNanos).toList();
    }
}
