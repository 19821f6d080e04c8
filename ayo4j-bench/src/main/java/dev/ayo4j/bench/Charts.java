// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** What the benchmarks' XChart line charts share: their look, their two line styles, and drawing as SVG. */
public final class Charts {
    /** A solid line, 2 pixels wide (a mean). */
    public static final BasicStroke SOLID = new BasicStroke(2f);
    /** A dashed line, 2 pixels wide (a tail percentile). */
    public static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private Charts() {}

    /** White chart and plot, the legend inside the top left corner, markers 5 pixels wide. */
    public static void plain(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(5);
    }

    /** {@code chart} as an SVG document. */
    public static String svg(XYChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle() + ": " + e.getMessage(), e);
        }
    }
}
