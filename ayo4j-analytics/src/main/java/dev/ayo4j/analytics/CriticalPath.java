// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The critical path of one run inferred from its spans' times, as trace viewers do when the graph's edges are
 * not recorded: start from the span that ended last, then repeatedly step to the span that ended last before
 * the current one became ready (the input that released it), until none is left.
 */
public final class CriticalPath {
    /** Slack in ms allowed between a producer's end and its consumer's readiness. */
    static final double SLACK_MS = 0.5;

    private CriticalPath() {}

    /** A span's times, ms from its run's start. */
    public record Span(double enqueueMs, double startMs, double endMs) {}

    /** Indices (into {@code spans}) of the spans on the inferred critical path, earliest first. */
    public static List<Integer> of(List<Span> spans) {
        List<Integer> path = new ArrayList<>();
        int current = -1;
        for (int i = 0; i < spans.size(); i++) {
            if (current < 0 || spans.get(i).endMs() > spans.get(current).endMs()) {
                current = i;
            }
        }
        while (current >= 0) {
            path.add(current);
            double ready = spans.get(current).enqueueMs();
            int previous = -1;
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i);
                if (i != current && !path.contains(i) && s.endMs() <= ready + SLACK_MS && s.endMs() > 0
                        && (previous < 0 || s.endMs() > spans.get(previous).endMs())) {
                    previous = i;
                }
            }
            current = previous;
        }
        Collections.reverse(path);
        return path;
    }
}
