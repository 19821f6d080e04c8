// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Apache ECharts options for the report's kinds of chart, built as Jackson trees. */
public final class Charts {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Colour of a span on the critical path, and of one off it. */
    static final String CRITICAL = "#d62828";
    static final String OFF_PATH = "#457b9d";
    static final String QUEUE = "#cfd6df";

    private Charts() {}

    /** Bars over {@code categories}, one series per entry; stacked or side by side, vertical or horizontal. */
    public static ObjectNode bars(List<String> categories, Map<String, double[]> series, boolean stacked,
                                  boolean horizontal, String categoryName, String valueName) {
        return bars(categories, series, stacked ? _ -> "all" : null, horizontal, categoryName, valueName);
    }

    /**
     * Bars over {@code categories}, series with the same {@code stackGroup} stacked together (null: none
     * stacked), vertical or horizontal.
     */
    public static ObjectNode bars(List<String> categories, Map<String, double[]> series,
                                  java.util.function.Function<String, String> stackGroup, boolean horizontal,
                                  String categoryName, String valueName) {
        ObjectNode o = base(series.size() > 1);
        ObjectNode category = axis("category", categoryName);
        ArrayNode data = category.putArray("data");
        categories.forEach(data::add);
        ObjectNode value = horizontal ? axis("value", valueName) : yAxis("value", valueName);
        o.set(horizontal ? "yAxis" : "xAxis", category);
        o.set(horizontal ? "xAxis" : "yAxis", value);
        if (horizontal) {
            category.put("inverse", true);
        }
        ArrayNode list = o.putArray("series");
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            ObjectNode s = list.addObject().put("name", e.getKey()).put("type", "bar");
            if (stackGroup != null) {
                s.put("stack", stackGroup.apply(e.getKey()));
            }
            ArrayNode values = s.putArray("data");
            for (double v : e.getValue()) {
                addNumber(values, v);
            }
        }
        o.putObject("tooltip").put("trigger", "axis");
        return o;
    }

    /** Lines of y values over shared x values (e.g. time windows); NaN leaves a gap. */
    public static ObjectNode lines(double[] x, Map<String, double[]> series, String xName, String yName,
                                   Double yMax) {
        ObjectNode o = base(series.size() > 1);
        o.set("xAxis", axis("value", xName).put("min", "dataMin").put("max", "dataMax"));
        ObjectNode y = yAxis("value", yName);
        if (yMax != null) {
            y.put("max", yMax);
        }
        y.put("min", 0);
        o.set("yAxis", y);
        ArrayNode list = o.putArray("series");
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            ObjectNode s = list.addObject().put("name", e.getKey()).put("type", "line").put("showSymbol", false)
                    .put("connectNulls", false);
            ArrayNode values = s.putArray("data");
            for (int i = 0; i < x.length && i < e.getValue().length; i++) {
                ArrayNode point = values.addArray();
                addNumber(point, x[i]);
                addNumber(point, e.getValue()[i]);
            }
        }
        o.putObject("tooltip").put("trigger", "axis");
        o.putArray("dataZoom").addObject().put("type", "inside");
        return o;
    }

    /** Lines of (x, y) points, each series with its own x values. */
    public static ObjectNode xy(Map<String, List<double[]>> series, String xName, String yName) {
        ObjectNode o = base(series.size() > 1);
        o.set("xAxis", axis("value", xName).put("min", "dataMin").put("max", "dataMax"));
        o.set("yAxis", yAxis("value", yName).put("min", 0));
        ArrayNode list = o.putArray("series");
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            ObjectNode s = list.addObject().put("name", e.getKey()).put("type", "line").put("showSymbol", false)
                    .put("step", "start");
            addPoints(s.putArray("data"), e.getValue());
        }
        o.putObject("tooltip").put("trigger", "axis");
        o.putArray("dataZoom").addObject().put("type", "inside");
        return o;
    }

    /** A scatter plot, one series per entry. */
    public static ObjectNode scatter(Map<String, List<double[]>> series, String xName, String yName, boolean logAxes) {
        ObjectNode o = base(series.size() > 1);
        o.set("xAxis", axis(logAxes ? "log" : "value", xName));
        o.set("yAxis", yAxis(logAxes ? "log" : "value", yName));
        ArrayNode list = o.putArray("series");
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            ObjectNode s = list.addObject().put("name", e.getKey()).put("type", "scatter").put("symbolSize", 4);
            s.putObject("itemStyle").put("opacity", 0.5);
            addPoints(s.putArray("data"), e.getValue());
        }
        o.putObject("tooltip").put("trigger", "item");
        return o;
    }

    /**
     * A timeline of one run: a row per span, a light bar while it waited (ready to started) and a coloured bar
     * while it ran, red when it is on the critical path.
     */
    public static ObjectNode timeline(List<String> rows, double[] enqueue, double[] start, double[] end,
                                      boolean[] critical) {
        ObjectNode o = base(true);
        ObjectNode category = axis("category", null).put("inverse", true);
        ArrayNode names = category.putArray("data");
        rows.forEach(names::add);
        category.putObject("axisLabel").put("fontSize", 11);
        o.set("yAxis", category);
        o.set("xAxis", axis("value", "ms from the run's start"));
        ArrayNode list = o.putArray("series");
        ObjectNode offset = list.addObject().put("name", "offset").put("type", "bar").put("stack", "t")
                .put("silent", true).put("barWidth", "60%");
        offset.putObject("itemStyle").put("color", "transparent");
        ObjectNode queued = list.addObject().put("name", "waiting (ready, not started)").put("type", "bar")
                .put("stack", "t");
        queued.putObject("itemStyle").put("color", QUEUE);
        ObjectNode running = list.addObject().put("name", "running (red: on the critical path)").put("type", "bar")
                .put("stack", "t");
        running.putObject("itemStyle").put("color", OFF_PATH);
        ArrayNode a = offset.putArray("data");
        ArrayNode b = queued.putArray("data");
        ArrayNode c = running.putArray("data");
        for (int i = 0; i < rows.size(); i++) {
            addNumber(a, enqueue[i]);
            addNumber(b, Math.max(0, start[i] - enqueue[i]));
            ObjectNode item = c.addObject();
            item.put("value", round(Math.max(0, end[i] - start[i])));
            item.putObject("itemStyle").put("color", critical[i] ? CRITICAL : OFF_PATH);
        }
        o.putObject("legend").putArray("data").add(queued.get("name").asText()).add(running.get("name").asText());
        o.putObject("tooltip").put("trigger", "axis").putObject("axisPointer").put("type", "shadow");
        return o;
    }

    private static ObjectNode base(boolean legend) {
        ObjectNode o = F.objectNode();
        o.put("animation", false);
        ObjectNode grid = o.putObject("grid").put("left", 20).put("right", 40).put("bottom", 30)
                .put("top", legend ? 50 : 20).put("containLabel", true);
        grid.put("containLabel", true);
        if (legend) {
            o.putObject("legend").put("type", "scroll").put("top", 0);
        }
        o.putObject("toolbox").putObject("feature").putObject("saveAsImage");
        return o;
    }

    private static ObjectNode axis(String type, String name) {
        ObjectNode a = F.objectNode().put("type", type);
        if (name != null) {
            a.put("name", name).put("nameLocation", "middle").put("nameGap", 28);
        }
        return a;
    }

    /** A vertical value axis, its name above it so that it never overlaps the tick labels. */
    private static ObjectNode yAxis(String type, String name) {
        ObjectNode a = F.objectNode().put("type", type);
        if (name != null) {
            a.put("name", name).put("nameLocation", "end").put("nameGap", 14);
            a.putObject("nameTextStyle").put("align", "left");
        }
        return a;
    }

    /** Each (x, y) point of {@code points} as a two-element array of {@code data}. */
    private static void addPoints(ArrayNode data, List<double[]> points) {
        for (double[] p : points) {
            ArrayNode point = data.addArray();
            addNumber(point, p[0]);
            addNumber(point, p[1]);
        }
    }

    private static void addNumber(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(round(v));
        } else {
            array.addNull();
        }
    }

    private static double round(double v) {
        return Math.abs(v) >= 100 ? Math.round(v * 10) / 10.0 : Math.round(v * 10000) / 10000.0;
    }
}
