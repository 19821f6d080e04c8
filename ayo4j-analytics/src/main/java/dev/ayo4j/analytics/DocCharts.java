// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.RunsReport.PrimitiveTime;
import dev.ayo4j.analytics.WorkloadReport.Window;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The reports' main figures as PNG and SVG files for docs, drawn with XChart: for runs, time per query by
 * primitive (queueing and service stacked) and engine utilization over time; for a workload, the arrival rate
 * at each window size.
 */
public final class DocCharts {
    private DocCharts() {}

    /** Writes {@code time-by-primitive} and {@code utilization-over-time} (.png and .svg) into {@code dir}. */
    public static List<Path> write(RunsReport r, Path dir) {
        List<Path> files = new ArrayList<>();
        List<PrimitiveTime> timed = r.primitives().stream().filter(p -> p.queueMs() + p.serviceMs()
                >= 0.01 * Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L))).toList();
        if (!timed.isEmpty()) {
            CategoryChart time = new CategoryChartBuilder().width(900).height(480).title(RunsReport.FIG_TIME)
                    .yAxisTitle("ms per query").build();
            style(time);
            time.getStyler().setStacked(true);
            time.getStyler().setXAxisLabelRotation(30);
            List<String> names = timed.stream().map(p -> (r.runsPerSystem().size() > 1 ? p.system() + ": " : "")
                    + p.primitive() + " @ " + p.engine()).toList();
            time.addSeries("queueing", names, timed.stream().map(p -> (Number) (p.queueMs()
                    / Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L)))).toList());
            time.addSeries("service", names, timed.stream().map(p -> (Number) (p.serviceMs()
                    / Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L)))).toList());
            files.addAll(save(time, dir, "time-by-primitive"));
        }
        if (!r.utilizationOverTime().isEmpty()) {
            XYChart util = new XYChartBuilder().width(900).height(420).title(RunsReport.FIG_UTILIZATION_TIME)
                    .xAxisTitle("seconds from the first run").yAxisTitle("% busy").build();
            style(util);
            util.getStyler().setYAxisMin(0.0);
            util.getStyler().setYAxisMax(100.0);
            for (Map.Entry<String, double[]> e : r.utilizationOverTime().entrySet()) {
                double[] y = e.getValue();
                double[] x = new double[y.length];
                double[] pct = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    x[i] = i * r.windowMs() / 1000;
                    pct[i] = 100 * y[i];
                }
                XYSeries s = util.addSeries(e.getKey(), x, pct);
                s.setMarker(SeriesMarkers.NONE);
            }
            files.addAll(save(util, dir, "utilization-over-time"));
        }
        return files;
    }

    /** Writes {@code arrival-rate} (.png and .svg) into {@code dir}. */
    public static List<Path> write(WorkloadReport r, Path dir) {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(WorkloadReport.FIG_RATE + ": "
                + Path.of(r.source()).getFileName()).xAxisTitle("minutes from the first request")
                .yAxisTitle("requests / s").build();
        style(chart);
        for (Window w : r.windows()) {
            if (w.series().isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(String.format(java.util.Locale.ROOT, "%.0f s windows", w.seconds()),
                    w.series().stream().mapToDouble(p -> p[0] / 60).toArray(),
                    w.series().stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.NONE);
        }
        return save(chart, dir, "arrival-rate");
    }

    private static void style(Chart<?, ?> chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static List<Path> save(Chart<?, ?> chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".png");
            Path svg = dir.resolve(name + ".svg");
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " charts to " + dir + ": " + e.getMessage(), e);
        }
    }
}
