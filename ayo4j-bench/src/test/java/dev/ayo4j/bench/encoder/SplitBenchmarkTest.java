// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitBenchmarkTest {
    @Test
    void runsEveryWayOnTheRealEncoderAndComparesItWithTheWholeCall() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add("passage " + i + " " + "about cells and proteins ".repeat(1 + i % 5));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, EncoderOptions.DEFAULTS)) {
            SplitBenchmark.Report report = new SplitBenchmark().run(model, texts,
                    new SplitBenchmark.Settings(List.of(1, 3), 1), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(report.texts()).isEqualTo(12);
            assertThat(report.ways()).extracting(SplitBenchmark.Way::calls, SplitBenchmark.Way::order).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, SplitBenchmark.Order.WHOLE),
                    org.assertj.core.groups.Tuple.tuple(3, SplitBenchmark.Order.LENGTH),
                    org.assertj.core.groups.Tuple.tuple(3, SplitBenchmark.Order.LIST));
            assertThat(report.ways()).allSatisfy(w -> assertThat(w.meanMs()).isPositive());
            assertThat(report.ways().getFirst().overWhole()).isEqualTo(1.0);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("vs whole").contains("length").contains("list");
    }

    @Test
    void rejectsMoreCallsThanTexts() {
        try (EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, EncoderOptions.DEFAULTS)) {
            assertThatThrownBy(() -> new SplitBenchmark().run(model, List.of("a", "b"),
                    new SplitBenchmark.Settings(List.of(3), 1), new PrintStream(new ByteArrayOutputStream())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot cut 2 texts into 3 calls");
        }
    }

    @Test
    void settingsRejectBadValues() {
        assertThatThrownBy(() -> new SplitBenchmark.Settings(List.of(), 1)).hasMessageContaining("calls");
        assertThatThrownBy(() -> new SplitBenchmark.Settings(List.of(0), 1)).hasMessageContaining("calls must be >= 1");
        assertThatThrownBy(() -> new SplitBenchmark.Settings(List.of(1), 0)).hasMessageContaining("rounds");
    }
}
