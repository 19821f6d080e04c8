// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A self-contained HTML report: headings, text, tables and Apache ECharts charts, with the ECharts library
 * inlined so that the file opens from disk with no server and no network. Chart options are Jackson trees
 * (see {@link Charts}); text is escaped.
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
            header{background:#1d3557;color:#fff;padding:18px 32px}
            header h1{margin:0 0 4px;font-size:22px} header p{margin:0;opacity:.85;font-size:14px}
            main{max-width:1180px;margin:0 auto;padding:8px 24px 48px}
            h2{margin:28px 0 10px;font-size:19px;border-bottom:2px solid #d7dee8;padding-bottom:4px}
            h3{margin:18px 0 6px;font-size:15px}
            .card{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:12px 16px;margin:10px 0}
            .chart{width:100%}
            table{border-collapse:collapse;font-size:13px;width:100%}
            th,td{padding:4px 8px;border-bottom:1px solid #e3e8ef;text-align:right;white-space:nowrap}
            th{background:#eef2f7} td:first-child,th:first-child{text-align:left}
            td.text{text-align:left;white-space:normal}
            ul.advice li{margin:6px 0;line-height:1.4} ul.advice a{font-size:12px;color:#457b9d}
            p.note{font-size:13px;color:#4a5766;line-height:1.45}
            .warn{background:#fff4e5;border-left:4px solid #f4a261}
            """;

    private final StringBuilder body = new StringBuilder();
    private final StringBuilder scripts = new StringBuilder();
    private final String title;
    private final String subtitle;
    private int charts;

    /** A report titled {@code title}, with {@code subtitle} under it (what was read). */
    public HtmlReport(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** A section heading. */
    public HtmlReport section(String heading) {
        body.append("<h2 id=\"").append(anchor(heading)).append("\">").append(escape(heading)).append("</h2>\n");
        return this;
    }

    /** A paragraph of explanatory text. */
    public HtmlReport note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted box (skipped input, missing data). */
    public HtmlReport warning(String text) {
        body.append("<div class=\"card warn\">").append(escape(text)).append("</div>\n");
        return this;
    }

    /** The recommendations, each linking to the figure it comes from. */
    public HtmlReport recommendations(List<Recommendation> advice) {
        body.append("<div class=\"card\"><ul class=\"advice\">\n");
        if (advice.isEmpty()) {
            body.append("<li>Nothing stands out: no figure crossed a threshold that calls for a change.</li>\n");
        }
        for (Recommendation r : advice) {
            body.append("<li>").append(escape(r.text())).append(" <a href=\"#").append(anchor(r.figure()))
                    .append("\">[").append(escape(r.figure())).append("]</a></li>\n");
        }
        body.append("</ul></div>\n");
        return this;
    }

    /** A titled table; the first column is left-aligned, the rest right-aligned unless a cell is long text. */
    public HtmlReport table(String heading, List<String> header, List<List<String>> rows) {
        body.append("<div class=\"card\"><h3 id=\"").append(anchor(heading)).append("\">").append(escape(heading))
                .append("</h3>\n<table><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                boolean text = cell != null && cell.length() > 40;
                body.append(text ? "<td class=\"text\">" : "<td>").append(escape(cell == null ? "" : cell))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table></div>\n");
        return this;
    }

    /** A titled chart of {@code heightPx} pixels from an ECharts option, with a caption under it. */
    public HtmlReport chart(String heading, ObjectNode option, int heightPx, String caption) {
        String id = "chart" + charts++;
        body.append("<div class=\"card\"><h3 id=\"").append(anchor(heading)).append("\">").append(escape(heading))
                .append("</h3>\n<div id=\"").append(id).append("\" class=\"chart\" style=\"height:").append(heightPx)
                .append("px\"></div>\n");
        if (caption != null && !caption.isEmpty()) {
            body.append("<p class=\"note\">").append(escape(caption)).append("</p>\n");
        }
        body.append("</div>\n");
        try {
            String json = JSON.writeValueAsString(option).replace("</", "<\\/");
            scripts.append("echarts.init(document.getElementById('").append(id).append("'),null,{renderer:'canvas'})")
                    .append(".setOption(").append(json).append(");\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart option does not serialize: " + e.getMessage(), e);
        }
        return this;
    }

    /** The whole page. */
    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>" + STYLE
                + "</style>\n<script>" + echarts() + "</script>\n</head><body>\n<header><h1>" + escape(title)
                + "</h1><p>" + escape(subtitle) + "</p></header>\n<main>\n" + body + "</main>\n<script>\n" + scripts
                + "window.addEventListener('resize',()=>document.querySelectorAll('.chart').forEach("
                + "c=>echarts.getInstanceByDom(c)&&echarts.getInstanceByDom(c).resize()));\n</script>\n</body></html>\n";
    }

    /** Writes the page to {@code file}, creating its directory. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The anchor of a heading, for links from recommendations. */
    public static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String echarts() {
        String version;
        try (InputStream in = HtmlReport.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            version = p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = "/META-INF/resources/webjars/echarts/" + version + "/echarts.min.js";
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " in the ECharts webjar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
