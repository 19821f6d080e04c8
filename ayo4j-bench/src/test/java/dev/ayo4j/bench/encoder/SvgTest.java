// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.encoder.EncoderBenchmark.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder benchmark's chart comes out as an SVG document with a solid mean and a dashed P98 per policy. */
class SvgTest {
    private static Run run(String policy, String arrival, double rate, double meanMs, double p98Ms) {
        return new Run("mixed", arrival, rate, policy, 100, rate, meanMs, meanMs, p98Ms, 1000, 1200, null);
    }

    @Test
    void drawsEachPolicysPoissonRunsInItsColour() {
        String svg = Svg.latencyVsRate(List.of(run("arlo", "poisson", 10, 3, 9), run("arlo", "poisson", 20, 4, 12),
                run("fifo", "poisson", 10, 5, 20), run("fifo", "burst", 10, 50, 200)), "mixed");
        assertThat(svg).startsWith("<?xml").contains("<svg").contains("width=\"640px\"").contains("</svg>");
        // Policies sorted by name: arlo red, fifo blue; each a solid mean and a dashed P98.
        assertThat(svg).contains("stroke:rgb(214,39,40);stroke-width:2;stroke-miterlimit:10;stroke-linecap:square")
                .contains("stroke:rgb(214,39,40);stroke-width:2;stroke-miterlimit:10;stroke-dasharray:6,4")
                .contains("stroke:rgb(31,119,180);stroke-width:2;stroke-miterlimit:10;stroke-dasharray:6,4");
    }

    @Test
    void drawsAnEmptyChartWithoutPoissonRuns() {
        String svg = Svg.latencyVsRate(List.of(run("arlo", "burst", 10, 3, 9)), "mixed");
        assertThat(svg).contains("<svg").contains("</svg>").doesNotContain("stroke:rgb(214,39,40)");
    }
}
