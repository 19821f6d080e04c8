// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.spi.Ticker;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Listener for the passages of one ingestion, called by {@link CorpusCollection#sync} on its thread:
 * {@link #start} once, {@link #advance} after each ingested chunk, {@link #finish} at the end.
 */
public interface IngestProgress {
    /** {@code total} passages are to be embedded into {@code collection}. */
    void start(String collection, int total);

    /** {@code done} of them are stored. */
    void advance(int done);

    /** Ingestion ended with {@code done} passages stored. */
    void finish(int done);

    /** A listener that reports nothing. */
    static IngestProgress none() {
        return new IngestProgress() {
            @Override
            public void start(String collection, int total) {}

            @Override
            public void advance(int done) {}

            @Override
            public void finish(int done) {}
        };
    }

    /**
     * A bar on standard error redrawn in place with counts and rate when the process runs on a terminal;
     * nothing otherwise (a log or a pipe gets only the command's own summary).
     */
    static IngestProgress forStderr() {
        Console console = System.console();
        return console != null && console.isTerminal() ? new Bar(System.err, Ticker.systemTicker()) : none();
    }

    /** The bar drawn on a terminal. */
    final class Bar implements IngestProgress {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private final Ticker ticker;
        private String collection = "";
        private int total;
        private long startNanos;

        Bar(PrintStream out, Ticker ticker) {
            this.out = Objects.requireNonNull(out, "out");
            this.ticker = Objects.requireNonNull(ticker, "ticker");
        }

        @Override
        public void start(String name, int passages) {
            this.collection = name;
            this.total = passages;
            this.startNanos = ticker.read();
            advance(0);
        }

        @Override
        public void advance(int done) {
            out.print("\r" + line(done) + "\u001b[K");
            out.flush();
        }

        @Override
        public void finish(int done) {
            out.print("\r" + line(done) + "\u001b[K" + System.lineSeparator());
            out.flush();
        }

        String line(int done) {
            double seconds = Math.max(1e-9, (ticker.read() - startNanos) / 1e9);
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
            return String.format(Locale.ROOT, "embedding into %s [%s%s] %,d/%,d passages, %.1f passages/s",
                    collection, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, done / seconds);
        }
    }
}
