// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * {@code bench serve}'s outputs: the terminal table with the targets, and under an output folder {@code
 * serve.json} (the whole report), {@code serve-summary.csv} (one row per system and arrival pattern), {@code
 * serve-requests.csv} (one row per request) and the plot of latency against rate as PNG and SVG (XChart).
 */
public final class ServeOutputs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Columns in the records' order, not sorted by name. */
    private static final CsvMapper CSV = CsvMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    private static final Color[] COLORS = {new Color(0x1b9e77), new Color(0xd95f02)};

    private ServeOutputs() {}

    /** Prints the table of {@code report} and its targets to {@code out}. */
    public static void print(ServeReport report, PrintStream out) {
        out.printf("%nbench serve: %s over loopback HTTP, streamed; trace %s (%.2f requests/s as recorded)%n",
                report.app(), report.trace(), report.traceRate());
        out.printf("engines: %s; corpus %d passages; SLO %.0f ms%n", report.stack(), report.corpusPassages(),
                report.sloMs());
        out.printf("%-20s %-18s %4s %4s %4s %4s %8s %8s %8s %8s %9s %9s %8s%n", "system", "arrivals", "sent", "ok",
                "429", "fail", "thr/s", "P50 ms", "P90 ms", "P99 ms", "TTFT50 ms", "TTFT90 ms", "good/s");
        for (RateStats r : report.rows()) {
            out.printf(Locale.ROOT, "%-20s %-18s %4d %4d %4d %4d %8.3f %8.0f %8.0f %8.0f %9.0f %9.0f %8.3f%n",
                    r.system(), r.arrivals(), r.requests(), r.ok(), r.rejected(), r.failed(), r.throughput(), r.p50Ms(),
                    r.p90Ms(), r.p99Ms(), r.ttftP50Ms(), r.ttftP90Ms(), r.goodput());
        }
        Overhead o = report.overhead();
        out.printf(Locale.ROOT, "server overhead per request (%s, %d requests each), medians (P90): front door %.0f "
                + "(%.0f) us; over HTTP the client's round trip %.0f (%.0f) us, the server's own time %.0f (%.0f) us; "
                + "server overhead %.0f us, round trip overhead %.0f us, of which a GET /health round trip (loopback "
                + "HTTP and the client) %.0f us; CPU per request %.0f us direct, %.0f us over HTTP (server and load "
                + "generator)%n", Overhead.ENGINES, o.requests(), o.directP50Us(), o.directP90Us(), o.httpP50Us(),
                o.httpP90Us(), o.serverP50Us(), o.serverP90Us(), o.serverOverheadUs(), o.overheadUs(), o.healthP50Us(),
                o.directCpuUs(), o.httpCpuUs());
        ServeReport.Targets t = report.targets();
        if (t.rate() == null) {
            out.printf(Locale.ROOT, "targets: (b)'s P90 reached twice its one-at-a-time P90 (%.0f ms) at every rate; "
                    + "no rate to compare at: add lower --rates%n", t.lc4jBaseP90Ms());
        } else {
            out.printf(Locale.ROOT, "targets at %s/s, the highest rate where (b)'s P90 (%.0f ms) stays under twice its "
                    + "one-at-a-time P90 (%.0f ms):%n", t.rate(), t.lc4jP90Ms(), t.lc4jBaseP90Ms());
            out.printf(Locale.ROOT, "   (a)'s P90 %.0f ms, %.2fx lower (target >= %.1fx): %s%n", t.ayoP90Ms(),
                    t.p90Ratio(), ServeReport.Targets.P90_RATIO, t.p90Met() ? "met" : "not met");
            out.printf(Locale.ROOT, "   (a)'s throughput %.2fx (b)'s (target >= %.1fx): %s%n", t.throughputRatio(),
                    ServeReport.Targets.THROUGHPUT_RATIO, t.throughputMet() ? "met" : "not met");
        }
        out.printf(Locale.ROOT, "   overhead %.3f ms (target < %.0f ms): %s%n", t.overheadMs(),
                ServeReport.Targets.OVERHEAD_MS, t.overheadMet() ? "met" : "not met");
    }

    /** Writes the JSON, the CSVs and the plots into {@code dir} (created if missing); returns the files. */
    public static List<Path> write(ServeReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path json = dir.resolve("serve.json");
        JSON.writeValue(json.toFile(), report);
        files.add(json);
        Path summary = dir.resolve("serve-summary.csv");
        CSV.writer(CSV.schemaFor(RateStats.class).withHeader()).writeValue(summary.toFile(), report.rows());
        files.add(summary);
        Path requests = dir.resolve("serve-requests.csv");
        CsvSchema schema = CSV.schemaFor(ServeReport.RequestRow.class).withHeader();
        CSV.writer(schema).writeValue(requests.toFile(), report.requests());
        files.add(requests);
        XYChart chart = latencyVsRate(report);
        Path png = dir.resolve("serve-latency-vs-rate.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        files.add(png);
        Path svg = dir.resolve("serve-latency-vs-rate.svg");
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        files.add(svg);
        return files;
    }

    /** P50 (solid), P90 (dashed) and P99 (dotted) latency of each system against the trace's rate. */
    static XYChart latencyVsRate(ServeReport report) {
        XYChart chart = new XYChartBuilder().width(760).height(440)
                .title("bench serve: latency vs trace rate (solid P50, dashed P90, dotted P99)")
                .xAxisTitle("mean arrival rate (requests/s)").yAxisTitle("latency (ms)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setMarkerSize(6);
        BasicStroke[] strokes = {new BasicStroke(2f), new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f), new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f)};
        String[] names = {"P50", "P90", "P99"};
        List<String> systems = report.rows().stream().map(RateStats::system).distinct().toList();
        for (int s = 0; s < systems.size(); s++) {
            String system = systems.get(s);
            List<RateStats> rows = report.rows().stream().filter(r -> r.system().equals(system) && r.offeredRate() > 0
                    && r.ok() > 0).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(RateStats::offeredRate).toArray();
            double[][] y = {rows.stream().mapToDouble(RateStats::p50Ms).toArray(),
                rows.stream().mapToDouble(RateStats::p90Ms).toArray(), rows.stream().mapToDouble(RateStats::p99Ms).toArray()};
            for (int p = 0; p < names.length; p++) {
                XYSeries series = chart.addSeries(system + " " + names[p], x, y[p]);
                series.setLineColor(COLORS[s % COLORS.length]);
                series.setMarkerColor(COLORS[s % COLORS.length]);
                series.setLineStyle(strokes[p]);
            }
        }
        return chart;
    }
}
