// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressBar bar(boolean terminal) {
        return new ProgressBar(new PrintStream(text, true, StandardCharsets.UTF_8), terminal, nanos::get);
    }

    private String output() {
        return text.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsPlainLinesAtEachTenthWithBytesPercentAndRate() {
        ProgressBar bar = bar(false);
        bar.start("acme/repo/model.gguf", 0, 10 << 20);
        for (int mib = 1; mib <= 10; mib++) {
            nanos.addAndGet(500_000_000L);
            bar.advance((long) mib << 20);
        }
        bar.finish(10 << 20);

        assertThat(output()).startsWith("downloading acme/repo/model.gguf (10.0 MiB)")
                .contains(" 10%  1.0 MiB / 10.0 MiB  2.0 MiB/s")
                .contains("100%  10.0 MiB / 10.0 MiB  2.0 MiB/s")
                .contains("downloaded 10.0 MiB in 5.0 s")
                .doesNotContain("\r");
        assertThat(output().lines().filter(l -> l.contains("%"))).hasSize(10);
    }

    @Test
    void redrawsOneLineOnATerminalAndCountsOnlyNewBytesInTheRate() {
        ProgressBar bar = bar(true);
        bar.start("acme/repo/model.gguf", 4 << 20, 8 << 20);
        nanos.addAndGet(1_000_000_000L);
        bar.advance(6 << 20);
        nanos.addAndGet(1_000_000_000L);
        bar.finish(8 << 20);

        assertThat(output()).contains("resuming at 4.0 MiB")
                .contains("\r  [######################........]  75%  6.0 MiB / 8.0 MiB  2.0 MiB/s")
                .contains("\r  [##############################] 100%")
                .contains("downloaded 4.0 MiB in 2.0 s");
    }

    @Test
    void formatsBytes() {
        assertThat(ProgressBar.formatBytes(512)).isEqualTo("512 B");
        assertThat(ProgressBar.formatBytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressBar.formatBytes(3L << 30)).isEqualTo("3.0 GiB");
    }
}
