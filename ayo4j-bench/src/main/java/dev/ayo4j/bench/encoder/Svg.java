// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import dev.ayo4j.bench.encoder.EncoderBenchmark.Run;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A small SVG line chart of latency (mean solid, P98 dashed) against the offered rate, one colour per policy. */
public final class Svg {
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private Svg() {}

    /** The chart of the Poisson runs of {@code workload}. */
    public static String latencyVsRate(List<Run> runs, String workload) {
        Map<String, List<Run>> byPolicy = runs.stream()
                .filter(r -> r.workload().equals(workload) && r.arrival().equals("poisson"))
                .collect(Collectors.groupingBy(Run::policy, TreeMap::new, Collectors.toList()));
        double maxRate = runs.stream().mapToDouble(Run::rate).max().orElse(1);
        double maxMs = Math.max(1, byPolicy.values().stream().flatMap(List::stream).mapToDouble(Run::p98Ms).max().orElse(1));
        double logMax = Math.log10(maxMs * 1.2);
        int w = 640;
        int h = 400;
        int left = 60;
        int bottom = 350;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"20\">%s: latency vs offered rate (mean solid, P98 dashed; log scale)</text>%n"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<line x1=\"%d\" y1=\"40\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<text x=\"%d\" y=\"390\">requests per second</text>%n", w, h, left, workload, left, bottom,
                w - 20, bottom, left, left, bottom, w / 2));
        for (double ms = 1; ms <= maxMs * 1.2; ms *= 10) {
            double y = bottom - (bottom - 40) * Math.log10(ms) / logMax;
            sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%.0f\">%.0f ms</text>%n", y, ms));
        }
        int c = 0;
        for (var e : byPolicy.entrySet()) {
            String colour = COLOURS[c % COLOURS.length];
            for (boolean p98 : new boolean[] {false, true}) {
                StringBuilder pts = new StringBuilder();
                for (Run r : e.getValue()) {
                    double x = left + (w - 20 - left) * r.rate() / maxRate;
                    double ms = Math.max(1, p98 ? r.p98Ms() : r.meanMs());
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, bottom - (bottom - 40) * Math.log10(ms) / logMax));
                }
                sb.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                        colour, p98 ? " stroke-dasharray=\"6,4\"" : "", pts.toString().trim()));
            }
            sb.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + 10, 45 + 15 * c, colour,
                    e.getKey()));
            c++;
        }
        return sb.append("</svg>\n").toString();
    }
}
