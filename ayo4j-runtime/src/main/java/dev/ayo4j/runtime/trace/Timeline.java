// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.trace;

import dev.ayo4j.Checks;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Text Gantt chart of one query's trace: one row per primitive, in start order, showing where the
 * query's time went. {@code -} marks time spent ready but queued for its engine, {@code #} time in
 * service; graph inputs and outputs, which take no time, are left out.
 *
 * <pre>
 * generate.prefill      llm       |          --#######          |  3120 -  5480 ms
 * </pre>
 */
public final class Timeline {
    private Timeline() {}

    /** The chart of {@code events} with bars {@code width} characters wide. */
    public static String render(List<TraceEvent> events, int width) {
        Checks.argument(width >= 10, "width must be >= 10: %s", width);
        List<TraceEvent> rows = events.stream()
                .filter(e -> !e.primitive().equals("Input") && !e.primitive().equals("Output"))
                .sorted(Comparator.comparingLong(TraceEvent::startNanos).thenComparing(TraceEvent::nodeId))
                .toList();
        if (rows.isEmpty()) {
            return "";
        }
        long origin = events.stream().mapToLong(e -> Math.min(e.enqueueNanos(), e.startNanos())).min().orElse(0);
        long end = events.stream().mapToLong(TraceEvent::endNanos).max().orElse(origin + 1);
        double scale = width / (double) Math.max(1, end - origin);
        int nameWidth = rows.stream().mapToInt(e -> e.nodeId().length()).max().orElse(4);
        int engineWidth = Math.max(6, rows.stream().mapToInt(e -> e.engine().length()).max().orElse(6));
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : rows) {
            int queued = (int) Math.floor((Math.min(e.enqueueNanos(), e.startNanos()) - origin) * scale);
            int start = (int) Math.floor((e.startNanos() - origin) * scale);
            int stop = Math.max(start + 1, (int) Math.ceil((e.endNanos() - origin) * scale));
            char[] bar = new char[width];
            for (int i = 0; i < width; i++) {
                bar[i] = i >= start && i < stop ? '#' : i >= queued && i < start ? '-' : ' ';
            }
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + engineWidth + "s |%s| %7.0f - %7.0f ms%s%n",
                    e.nodeId(), e.engine(), new String(bar), (e.startNanos() - origin) / 1e6,
                    (e.endNanos() - origin) / 1e6, e.outcome() == TraceEvent.Outcome.OK ? "" : "  " + e.outcome()));
        }
        return sb.toString();
    }
}
