// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.cli.Ayo4jCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TelemetryCommandTest {
    @Test
    void printsALineOfCpuMemoryAndNetworkEveryInterval() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Ayo4jCli.run("telemetry", "--interval", "100ms", "--count", "3", "--no-gpu");
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cpu \\d+\\.\\d% \\(user .*\\) mem "
                + "\\d+\\.\\d/\\d+\\.\\d GiB.* proc \\d+\\.\\d% \\d+ MiB"));
    }

    @Test
    void readsShortAndIsoIntervals() {
        IntervalConverter c = new IntervalConverter();
        assertThat(c.convert("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(c.convert("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not an interval");
    }
}
