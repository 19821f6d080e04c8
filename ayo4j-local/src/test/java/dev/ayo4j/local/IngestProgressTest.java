// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestProgressTest {
    @Test
    void theBarShowsCountsAndRateRedrawnInPlace() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IngestProgress.Bar bar = new IngestProgress.Bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

        bar.start("notes-1", 1066);
        now.set(2_000_000_000L);
        bar.advance(512);
        now.set(4_000_000_000L);
        bar.finish(1066);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\rembedding into notes-1 [##############----------------] 512/1,066 passages, 256.0 passages/s")
                .contains("1,066/1,066 passages, 266.5 passages/s").endsWith(System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n').count()).as("one line, redrawn").isEqualTo(1);
    }
}
