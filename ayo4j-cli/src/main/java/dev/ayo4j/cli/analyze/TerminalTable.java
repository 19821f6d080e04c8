// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.Skip;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** A plain table for the terminal: columns padded to their widest cell, the first left-aligned. */
final class TerminalTable {
    private TerminalTable() {}

    static void print(PrintWriter out, String title, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(title);
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        rows.forEach(r -> line(out, r, widths));
        out.println();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(widths[i] - c.length());
            b.append(i == 0 ? c + pad : pad + c).append("  ");
        }
        out.println(b.toString().stripTrailing());
    }

    /** The inputs an analysis left out, one line each with why. */
    static void skipped(PrintWriter out, List<Skip> skips) {
        skips.forEach(s -> out.println("skipped " + s.what() + ": " + s.reason()));
    }

    /** How an analysis ends on the terminal: its advice, then where its HTML {@code report} is. */
    static void end(PrintWriter out, List<dev.ayo4j.analytics.Recommendation> advice, Path report) {
        advice(out, advice);
        out.println("report: " + report.toAbsolutePath());
    }

    /** Advice as numbered paragraphs. */
    static void advice(PrintWriter out, List<dev.ayo4j.analytics.Recommendation> advice) {
        out.println("What to change:");
        int i = 1;
        for (var r : advice) {
            out.println("  " + i++ + ". " + r.text());
        }
        if (advice.isEmpty()) {
            out.println("  nothing stands out.");
        }
        out.println();
    }
}
