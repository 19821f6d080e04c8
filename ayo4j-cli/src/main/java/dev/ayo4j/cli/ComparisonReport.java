// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.plan.Pass;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.Timeline;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Passage;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Prints a {@link RagComparison.Outcome}: timelines, the answer with its sources, the speedup. */
final class ComparisonReport {
    private static final int BAR_WIDTH = 60;

    private ComparisonReport() {}

    static void print(RagComparison.Outcome o, boolean synthetic, PrintStream out) {
        for (RagComparison.Run run : List.of(o.plain(), o.optimized())) {
            QueryResult r = run.result();
            out.printf(Locale.ROOT, "%n== %s%s: %.2f s end to end, critical path %.2f s (ratio %.2f), %d primitives%n",
                    run.label(), run.passes().isEmpty() ? ""
                            : " (" + String.join(", ", run.passes().stream().map(Pass::name).toList()) + ")",
                    r.endToEndNanos() / 1e9, r.criticalPathNanos() / 1e9, r.ratio(), run.graph().size());
            r.engineBusyNanos().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).ifPresent(b ->
                    out.printf(Locale.ROOT, "   busiest engine: %s, %.2f s; lower bound %.2f s (end to end / bound %.2f)%n",
                            b.getKey(), b.getValue() / 1e9, r.lowerBoundNanos() / 1e9, r.boundRatio()));
            PrefillCounts llm = run.llmPrompts();
            out.printf(Locale.ROOT, "   llm prompts: %d requests, %,d prompt tokens, %,d prefilled, %,d found in the prompt cache%n",
                    llm.requests(), llm.promptTokens(), llm.prefilledTokens(), llm.cachedTokens());
            out.print(Timeline.render(r.trace(), BAR_WIDTH));
        }
        QueryResult best = o.optimized().result();
        boolean same = Objects.equals(o.plain().result().outputs(), best.outputs());
        answer(same ? "" : " (optimized run)", best, out);
        if (!same) {
            answer(" (unoptimized run)", o.plain().result(), out);
        }
        out.printf(Locale.ROOT, "%nSpeedup: %.2fx (%.2f s -> %.2f s); same answer and sources in both runs: %s%n",
                o.speedup(), o.plain().result().endToEndNanos() / 1e9, best.endToEndNanos() / 1e9, same ? "yes" : "no");
        if (!same && synthetic) {
            out.println("  (A random-weight model's next-token scores are nearly tied, so llama.cpp's batch-dependent"
                    + " rounding can change its greedy output when requests share a batch; on a real or a chain"
                    + " model the two runs give the same text, which the tests check.)");
        }
    }

    private static void answer(String label, QueryResult r, PrintStream out) {
        String text = r.output("answer", String.class).strip();
        out.printf("%nAnswer%s:%n  %s%n", label, text.isEmpty() ? "(no printable text)" : text.replace("\n", "\n  "));
        out.println("Sources (best first):");
        int i = 1;
        for (Passage p : context(r)) {
            String excerpt = p.text().replaceAll("\\s+", " ");
            out.printf(Locale.ROOT, "  [%d] %s  (score %.3f)  \"%s\"%n", i++, p.id(), p.score(),
                    excerpt.length() > 90 ? excerpt.substring(0, 87) + "..." : excerpt);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Passage> context(QueryResult r) {
        Object v = r.outputs().get("context");
        return v instanceof List<?> l ? (List<Passage>) l : List.of();
    }
}
