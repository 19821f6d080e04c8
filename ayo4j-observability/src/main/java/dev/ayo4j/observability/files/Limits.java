// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import dev.ayo4j.Checks;
import java.time.Duration;

/**
 * Bounds of a trace-file directory.
 *
 * @param maxFileBytes  rows of one kind are written out as a file once they hold this many bytes (an
 *                      uncompressed estimate; the Parquet file is smaller); also the most held in memory
 * @param maxTotalBytes the oldest files are deleted while the directory's files exceed this
 * @param flushEvery    rows held this long are written out even when fewer
 */
public record Limits(long maxFileBytes, long maxTotalBytes, Duration flushEvery) {
    /** 16 MiB per file, 1 GiB in all, written at least every 30 seconds. */
    public static final Limits DEFAULT = new Limits(16L << 20, 1L << 30, Duration.ofSeconds(30));

    public Limits {
        Checks.argument(maxFileBytes > 0, "maxFileBytes must be > 0: %s", maxFileBytes);
        Checks.argument(maxTotalBytes >= maxFileBytes, "maxTotalBytes (%s) must be >= maxFileBytes (%s)",
                maxTotalBytes, maxFileBytes);
        Checks.argument(flushEvery.isPositive(), "flushEvery must be positive: %s", flushEvery);
    }

    public Limits withMaxFileBytes(long n) {
        return new Limits(n, Math.max(n, maxTotalBytes), flushEvery);
    }

    public Limits withMaxTotalBytes(long n) {
        return new Limits(maxFileBytes, n, flushEvery);
    }

    public Limits withFlushEvery(Duration d) {
        return new Limits(maxFileBytes, maxTotalBytes, d);
    }
}
