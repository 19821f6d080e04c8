// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.spi.Ticker;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress report of a download: on a terminal, one bar redrawn in place (bytes, percent, rate);
 * elsewhere (a log, a pipe, a test) plain lines at each tenth of the file. Not thread-safe: one
 * instance per download.
 */
public final class ProgressBar implements DownloadProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long UNKNOWN_SIZE_STEP = 64L << 20;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Ticker ticker;
    private String label = "";
    private long offset;
    private long total;
    private long startNanos;
    private long lastDraw;
    private long nextMilestone;
    private long lastPrinted;
    private int lastWidth;

    /**
     * A progress report on {@code out}.
     *
     * @param terminal redraw one line in place when true; print plain lines when false
     */
    public ProgressBar(PrintStream out, boolean terminal, Ticker ticker) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** A report on standard error, drawn as a bar only when the process runs on a terminal. */
    public static ProgressBar forStderr() {
        Console console = System.console();
        return new ProgressBar(System.err, console != null && console.isTerminal(), Ticker.systemTicker());
    }

    @Override
    public void start(String label, long offset, long total) {
        this.label = label;
        this.offset = offset;
        this.total = total;
        this.startNanos = ticker.read();
        this.lastDraw = startNanos - REDRAW_NANOS;
        this.nextMilestone = nextMilestone(offset);
        this.lastPrinted = -1;
        this.lastWidth = 0;
        String size = total >= 0 ? formatBytes(total) : "unknown size";
        out.println(offset > 0
                ? String.format("downloading %s (%s), resuming at %s", label, size, formatBytes(offset))
                : String.format("downloading %s (%s)", label, size));
    }

    @Override
    public void advance(long bytes) {
        if (terminal) {
            long now = ticker.read();
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                out.print(redraw(line(bytes, now)));
                out.flush();
            }
        } else if (bytes >= nextMilestone) {
            out.println(line(bytes, ticker.read()));
            lastPrinted = bytes;
            nextMilestone = nextMilestone(bytes);
        }
    }

    @Override
    public void finish(long bytes) {
        long now = ticker.read();
        if (terminal) {
            out.print(redraw(line(bytes, now)) + System.lineSeparator());
        } else if (bytes != lastPrinted) {
            out.println(line(bytes, now));
        }
        double seconds = (now - startNanos) / 1e9;
        out.printf(Locale.ROOT, "downloaded %s in %.1f s%n", formatBytes(bytes - offset), seconds);
    }

    /** Carriage return, the line, and blanks over what is left of a longer previous line. */
    private String redraw(String line) {
        String padded = "\r" + line + " ".repeat(Math.max(0, lastWidth - line.length()));
        lastWidth = line.length();
        return padded;
    }

    private String line(long bytes, long now) {
        String rate = rate(bytes - offset, now - startNanos);
        if (total <= 0) {
            return String.format("  %s  %s  %s", formatBytes(bytes), rate, label);
        }
        int percent = (int) Math.min(100, bytes * 100 / total);
        int filled = percent * WIDTH / 100;
        return String.format("  [%s%s] %3d%%  %s / %s  %s", "#".repeat(filled), ".".repeat(WIDTH - filled), percent,
                formatBytes(bytes), formatBytes(total), rate);
    }

    private long step() {
        return total > 0 ? Math.max(1, total / 10) : UNKNOWN_SIZE_STEP;
    }

    private long nextMilestone(long bytes) {
        long step = step();
        return (bytes / step + 1) * step;
    }

    private static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-- /s";
        }
        return formatBytes((long) (bytes * 1e9 / nanos)) + "/s";
    }

    /** {@code 1536} as {@code 1.5 KiB}, and so on up to GiB. */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
