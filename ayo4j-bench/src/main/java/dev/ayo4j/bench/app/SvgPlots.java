// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the benchmark's plots as SVG text: latency against rate, and Gantt charts of one query. */
public final class SvgPlots {
    private static final String[] COLORS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"};
    private static final int W = 720;
    private static final int H = 420;
    private static final int M = 60;

    private SvgPlots() {}

    /** Mean (solid) and P90 (dashed) latency of each system against the Poisson rate. */
    public static String latencyVsRate(WorkloadReport w) {
        List<RunReport> poisson = w.runs().stream().filter(r -> r.arrivals().startsWith("poisson")).toList();
        Map<String, List<double[]>> mean = new LinkedHashMap<>();
        Map<String, List<double[]>> p90 = new LinkedHashMap<>();
        double maxX = 0;
        double maxY = 0;
        for (RunReport r : poisson) {
            for (SystemReport s : r.systems()) {
                mean.computeIfAbsent(s.system(), _ -> new ArrayList<>()).add(new double[] {r.rate(), s.meanMs()});
                p90.computeIfAbsent(s.system(), _ -> new ArrayList<>()).add(new double[] {r.rate(), s.p90Ms()});
                maxX = Math.max(maxX, r.rate());
                maxY = Math.max(maxY, s.p90Ms());
            }
        }
        StringBuilder svg = header(w.workload() + ": latency vs Poisson rate (solid mean, dashed P90)");
        axes(svg, "rate (queries/s)", "latency (ms)", maxX, maxY);
        int i = 0;
        for (String system : mean.keySet()) {
            String color = COLORS[i % COLORS.length];
            line(svg, mean.get(system), maxX, maxY, color, "");
            line(svg, p90.get(system), maxX, maxY, color, " stroke-dasharray=\"6,4\"");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">%s</text>%n",
                    W - M - 130, M + 16 * i, color, esc(system)));
            i++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** One query's engine calls per system, one row per call, coloured by engine. */
    public static String gantt(WorkloadReport w) {
        long maxEnd = 1;
        int rows = 0;
        for (List<Span> spans : w.gantt().values()) {
            for (Span s : spans) {
                maxEnd = Math.max(maxEnd, s.end());
            }
            rows += spans.size() + 1;
        }
        int rowH = 16;
        int height = M + rows * rowH + 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"24\" font-size=\"14\">%s</text>%n",
                W + 200, height, M, esc(w.workload() + ": one query's engine calls (first query, one at a time)")));
        Map<String, String> engineColors = new LinkedHashMap<>();
        int y = M;
        int left = 200;
        double scale = (double) (W - M) / maxEnd;
        for (Map.Entry<String, List<Span>> e : w.gantt().entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                    y + 12, esc(e.getKey())));
            y += rowH;
            for (Span s : e.getValue()) {
                String color = engineColors.computeIfAbsent(s.engine(), _ -> COLORS[engineColors.size() % COLORS.length]);
                double x = left + s.start() * scale;
                double wdt = Math.max(1, (s.end() - s.start()) * scale);
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"12\" y=\"%d\" font-size=\"11\">%s</text>"
                                + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        y + 11, esc(s.label()), x, y + 2, wdt, rowH - 4, color));
                y += rowH;
            }
        }
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\">0</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f ms</text>%n",
                left, y + 4, left + W - M, y + 4, left, y + 18, left + W - M, y + 18, maxEnd / 1e6));
        int lx = left;
        for (Map.Entry<String, String> c : engineColors.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", lx, y + 26, c.getValue(), lx + 14, y + 35,
                    esc(c.getKey())));
            lx += 100;
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"24\" font-size=\"14\">%s</text>%n", W, H, M, esc(title)));
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel, double maxX, double maxY) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n"
                        + "<text x=\"14\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.3f</text>%n"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f</text>%n",
                M, H - M, W - M, H - M, M, H - M, M, M,
                W / 2, H - 20, esc(xLabel), H / 2, H / 2, esc(yLabel),
                W - M, H - M + 16, maxX, M - 4, M + 4, maxY));
    }

    private static void line(StringBuilder svg, List<double[]> points, double maxX, double maxY, String color,
                             String extra) {
        StringBuilder pts = new StringBuilder();
        for (double[] p : points) {
            double x = M + (maxX == 0 ? 0 : p[0] / maxX) * (W - 2 * M);
            double y = H - M - (maxY == 0 ? 0 : p[1] / maxY) * (H - 2 * M);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, color));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                pts.toString().strip(), color, extra));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
