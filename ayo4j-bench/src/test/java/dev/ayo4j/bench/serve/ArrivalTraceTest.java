// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalTraceTest {
    private static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("conv.csv"), text);
    }

    @Test
    void readsTheAzureFormatAsOffsetsFromTheFirstArrival() throws IOException {
        ArrivalTrace t = ArrivalTrace.read(file(HEADER
                + "2023-11-16 18:15:46.6805900,374,44\n"
                + "2023-11-16 18:15:50.9951690,396,109\n"
                + "2023-11-16 18:15:51.2224670,879,55\n"));
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.offsets()).containsExactly(0L, 4_314_579_000L, 4_541_877_000L);
        assertThat(t.arrivals().get(2).contextTokens()).isEqualTo(879);
        assertThat(t.arrivals().get(2).generatedTokens()).isEqualTo(55);
    }

    @Test
    void scalingKeepsThePatternAndSetsTheMeanRate() throws IOException {
        // gaps of 1 s and 3 s: 2 gaps over 4 s, 0.5 requests/s as recorded
        ArrivalTrace t = ArrivalTrace.read(file(HEADER + "2023-11-16 10:00:00,1,1\n2023-11-16 10:00:01,1,1\n"
                + "2023-11-16 10:00:04,1,1\n"));
        assertThat(t.meanRate()).isEqualTo(0.5);
        ArrivalTrace slow = t.scaledTo(0.1);
        assertThat(slow.offsets()).containsExactly(0L, 5_000_000_000L, 20_000_000_000L);
        assertThat(slow.meanRate()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.scaledTo(2).offsets()).containsExactly(0L, 250_000_000L, 1_000_000_000L);
    }

    @Test
    void aWindowStartsAtItsFirstRequest() throws IOException {
        ArrivalTrace t = ArrivalTrace.read(file(HEADER + "2023-11-16 10:00:00,1,1\n2023-11-16 10:00:01,2,1\n"
                + "2023-11-16 10:00:04,3,1\n"));
        ArrivalTrace w = t.window(1, 2);
        assertThat(w.offsets()).containsExactly(0L, 3_000_000_000L);
        assertThat(w.arrivals().getFirst().contextTokens()).isEqualTo(2);
        assertThatThrownBy(() -> t.window(2, 2)).hasMessageContaining("has 3 requests");
    }

    @Test
    void aWrongHeaderIsNamed() throws IOException {
        Path f = file("time,prompt,output\n2023-11-16 10:00:00,1,1\n");
        assertThatThrownBy(() -> ArrivalTrace.read(f)).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("line 1").hasMessageContaining("TIMESTAMP,ContextTokens,GeneratedTokens");
    }

    @Test
    void badRowsAreRejectedWithTheirLine() throws IOException {
        String ok = "2023-11-16 10:00:00,1,1\n";
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER + ok + "2023-11-16 10:00:01,1\n")))
                .hasMessageContaining("line 3").hasMessageContaining("expected 3 fields, found 2");
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER + ok + ok + "16/11/2023 10:00,1,1\n")))
                .hasMessageContaining("line 4").hasMessageContaining("TIMESTAMP '16/11/2023 10:00'");
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER + ok + "2023-11-16 10:00:01,x,1\n")))
                .hasMessageContaining("line 3").hasMessageContaining("ContextTokens 'x' is not a whole number");
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER + ok + "2023-11-16 10:00:01,1,-4\n")))
                .hasMessageContaining("line 3").hasMessageContaining("GeneratedTokens must be >= 0");
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER + "2023-11-16 10:00:05,1,1\n" + ok)))
                .hasMessageContaining("line 3").hasMessageContaining("earlier than the row before");
        assertThatThrownBy(() -> ArrivalTrace.read(file(HEADER))).hasMessageContaining("no requests");
        assertThatThrownBy(() -> ArrivalTrace.read(dir.resolve("missing.csv"))).hasMessageContaining("missing.csv");
    }
}
