// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A collector that reads counter files ({@code /proc}, cgroup files) each round: a round that cannot read them
 * returns the samples read so far and sets {@link #status()} to {@code cannot read WHAT: why}; the next round
 * that reads them clears it.
 */
abstract class FileCollector implements Collector {
    private final String source;
    private @Nullable String status;

    FileCollector(String source) {
        this.source = source;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final List<Sample> collect() {
        List<Sample> out = new ArrayList<>();
        try {
            status = read(out);
        } catch (IOException | RuntimeException e) {
            status = "cannot read " + what() + ": " + e.getMessage();
        }
        return out;
    }

    @Override
    public final @Nullable String status() {
        return status;
    }

    /** Adds this round's samples to {@code out}; returns {@code null}, or a line saying why some are missing. */
    abstract @Nullable String read(List<Sample> out) throws IOException;

    /** What {@link #read} reads, as a failure names it. */
    abstract String what();
}
