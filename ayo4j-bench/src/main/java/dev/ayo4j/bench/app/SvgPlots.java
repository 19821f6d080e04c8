// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.bench.Charts;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The benchmark's plots as SVG, drawn with XChart: latency against rate, and Gantt charts of one query. */
public final class SvgPlots {
    private static final Color[] COLORS = {new Color(0x1b9e77), new Color(0xd95f02), new Color(0x7570b3),
        new Color(0xe7298a), new Color(0x66a61e), new Color(0xe6ab02)};

    private SvgPlots() {}

    /** Mean (solid) and P90 (dashed) latency of each system against the Poisson rate. */
    public static String latencyVsRate(WorkloadReport w) {
        List<RunReport> poisson = w.runs().stream().filter(r -> r.arrivals().startsWith("poisson")).toList();
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (RunReport r : poisson) {
            for (SystemReport s : r.systems()) {
                points.computeIfAbsent(s.system(), _ -> new ArrayList<>())
                        .add(new double[] {r.rate(), s.meanMs(), s.p90Ms()});
            }
        }
        XYChart chart = new XYChartBuilder().width(720).height(420)
                .title(w.workload() + ": latency vs Poisson rate (solid mean, dashed P90)")
                .xAxisTitle("rate (queries/s)").yAxisTitle("latency (ms)").build();
        Charts.plain(chart);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            Color color = COLORS[i++ % COLORS.length];
            XYSeries mean = chart.addSeries(e.getKey() + " mean", x, e.getValue().stream().mapToDouble(p -> p[1]).toArray());
            mean.setLineColor(color);
            mean.setMarkerColor(color);
            mean.setLineStyle(Charts.SOLID);
            XYSeries p90 = chart.addSeries(e.getKey() + " P90", x, e.getValue().stream().mapToDouble(p -> p[2]).toArray());
            p90.setLineColor(color);
            p90.setMarkerColor(color);
            p90.setLineStyle(Charts.DASHED);
        }
        if (points.isEmpty()) {
            chart.addSeries("no Poisson runs", new double[] {0}, new double[] {0});
        }
        return Charts.svg(chart);
    }

    /** One query's engine calls per system, one row per call, coloured by engine. */
    public static String gantt(WorkloadReport w) {
        List<String> rows = new ArrayList<>();
        int spans = w.gantt().values().stream().mapToInt(List::size).sum() + w.gantt().size();
        XYChart chart = new XYChartBuilder().width(920).height(Math.max(240, 110 + 18 * spans))
                .title(w.workload() + ": one query's engine calls (first query, one at a time)")
                .xAxisTitle("ms from the query's start").build();
        Charts.plain(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisTickMarkSpacingHint(14);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        Map<String, Color> engineColors = new LinkedHashMap<>();
        BasicStroke bar = new BasicStroke(10f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        int row = 0;
        for (Map.Entry<String, List<Span>> e : w.gantt().entrySet()) {
            rows.add("[" + e.getKey() + "]");
            row++;
            for (Span s : e.getValue()) {
                rows.add(s.label());
                boolean first = !engineColors.containsKey(s.engine());
                Color color = engineColors.computeIfAbsent(s.engine(), _ -> COLORS[engineColors.size() % COLORS.length]);
                XYSeries series = chart.addSeries(first ? s.engine() : s.engine() + " #" + row,
                        new double[] {s.start() / 1e6, Math.max(s.end(), s.start() + 1) / 1e6},
                        new double[] {-row, -row});
                series.setLineColor(color);
                series.setLineStyle(bar);
                series.setMarker(SeriesMarkers.NONE);
                series.setShowInLegend(first);
                row++;
            }
        }
        if (rows.isEmpty()) {
            chart.addSeries("no calls", new double[] {0}, new double[] {0});
        }
        chart.getStyler().setYAxisMin(-(double) Math.max(1, rows.size()));
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(y -> {
            int i = (int) Math.round(-y);
            return Math.abs(-y - i) < 1e-6 && i >= 0 && i < rows.size() ? rows.get(i) : "";
        });
        return Charts.svg(chart);
    }
}
