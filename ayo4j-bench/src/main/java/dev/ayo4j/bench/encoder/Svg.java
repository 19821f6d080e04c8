// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import dev.ayo4j.bench.Charts;
import dev.ayo4j.bench.encoder.EncoderBenchmark.Run;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** A line chart (XChart, SVG) of latency (mean solid, P98 dashed) against the offered rate, a colour per policy. */
public final class Svg {
    private static final Color[] COLOURS = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private Svg() {}

    /** The chart of the Poisson runs of {@code workload}. */
    public static String latencyVsRate(List<Run> runs, String workload) {
        Map<String, List<Run>> byPolicy = runs.stream()
                .filter(r -> r.workload().equals(workload) && r.arrival().equals("poisson"))
                .collect(Collectors.groupingBy(Run::policy, TreeMap::new, Collectors.toList()));
        XYChart chart = new XYChartBuilder().width(640).height(400)
                .title(workload + ": latency vs offered rate (mean solid, P98 dashed; log scale)")
                .xAxisTitle("requests per second").yAxisTitle("latency (ms)").build();
        Charts.plain(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        int c = 0;
        for (var e : byPolicy.entrySet()) {
            Color colour = COLOURS[c++ % COLOURS.length];
            double[] x = e.getValue().stream().mapToDouble(Run::rate).toArray();
            // Log axes need positive values; a run under 1 ms is drawn at 1 ms, as before.
            XYSeries mean = chart.addSeries(e.getKey() + " mean", x,
                    e.getValue().stream().mapToDouble(r -> Math.max(1, r.meanMs())).toArray());
            mean.setLineColor(colour);
            mean.setMarkerColor(colour);
            mean.setLineStyle(Charts.SOLID);
            XYSeries p98 = chart.addSeries(e.getKey() + " P98", x,
                    e.getValue().stream().mapToDouble(r -> Math.max(1, r.p98Ms())).toArray());
            p98.setLineColor(colour);
            p98.setMarkerColor(colour);
            p98.setLineStyle(Charts.DASHED);
        }
        if (byPolicy.isEmpty()) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("no Poisson runs", new double[] {0}, new double[] {0});
        }
        return Charts.svg(chart);
    }
}
