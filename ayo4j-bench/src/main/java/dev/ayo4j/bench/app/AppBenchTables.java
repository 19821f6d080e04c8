// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.bench.app.AppBenchReport.AnswerTail;
import dev.ayo4j.bench.app.AppBenchReport.Hoisting;
import dev.ayo4j.bench.app.AppBenchReport.Ingestion;
import dev.ayo4j.bench.app.AppBenchReport.Knee;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.Work;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import java.io.PrintStream;
import java.util.Locale;

/** Prints an {@link AppBenchReport} as plain-text tables. */
public final class AppBenchTables {
    private AppBenchTables() {}

    public static void print(AppBenchReport report, PrintStream out) {
        out.printf("%nmodel: %s%nplacement: %s%ndata: %s%n", report.model(), report.placement(), report.data());
        for (WorkloadReport w : report.workloads()) {
            String data = w.corpusPassages() > 0 ? "corpus of " + w.corpusPassages() + " passages ingested beforehand"
                    : w.passagesPerQuery() > 0 ? w.passagesPerQuery() + " passages ingested per query" : "no retrieval";
            out.printf(Locale.ROOT, "%n=== %s: %d queries, %s, %d answer tokens, context by %s%n", w.workload(),
                    w.queries(), data, w.answerTokens(), w.contextOrder());
            for (RunReport r : w.runs()) {
                out.printf(Locale.ROOT, "%n  %s%n", r.arrivals());
                out.printf("  %-20s %10s %10s %14s %12s %11s %11s %10s %10s %8s%n", "system", "mean ms", "P90 ms",
                        "ayo4j speedup", "same answer", "prompt tok", "prefilled", "embedded", "reranked", "stored");
                for (SystemReport s : r.systems()) {
                    Double speedup = r.speedups().get(s.system());
                    Work k = s.work();
                    out.printf(Locale.ROOT, "  %-20s %10.0f %10.0f %14s %9d/%d %11.0f %11.0f %10.1f %10.1f %8.1f%n",
                            s.system(), s.meanMs(), s.p90Ms(),
                            speedup == null ? "-" : String.format(Locale.ROOT, "%.2fx", speedup),
                            s.sameAnswersAsAyo4j(), s.latenciesMs().size(), k.promptTokens(), k.prefilledTokens(),
                            k.embedderTexts(), k.rerankerTexts(), k.storedVectors());
                }
                out.printf("  work per query: prompt tokens sent to the LLM; of them prefilled (%s); texts encoded by "
                        + "the embedder and the reranker; candidates scored with a vector stored at ingestion%n",
                        r.systems().getFirst().work().prefilledFrom());
                out.printf(Locale.ROOT, "  ayo4j end-to-end / critical path: %.2f; / lower bound (critical path or "
                        + "busiest engine): %.2f%n", r.ayo4jEndToEndOverCritical(), r.ayo4jEndToEndOverBound());
                AnswerTail tail = r.answerTail();
                if (tail != null) {
                    out.printf(Locale.ROOT, "  answer call after its last input: ayo4j %.0f ms, no passes %.0f ms "
                            + "(%.0f %%)%n", tail.ayo4jMs(), tail.noPassesMs(), 100 * tail.share());
                }
                int sent = r.warmUps().total();
                if (sent + r.warmUps().skipped() > 0) {
                    out.printf(Locale.ROOT, "  warm-up prefills: %d sent, %d fell back (%.0f %%), %d skipped as late%n",
                            sent, r.warmUps().fellBack(), sent == 0 ? 0.0 : 100 * r.fallbackRate(),
                            r.warmUps().skipped());
                }
            }
            Ingestion ing = w.ingestion();
            if (ing != null) {
                out.printf(Locale.ROOT, "%n  ingestion, once: %d passages; ayo4j %.1f s (embedder %d texts in %.1f s, "
                                + "reranker %d passage vectors hoisted in %.1f s); LangChain4j %.1f s%n", ing.passages(),
                        ing.ayo4jSeconds(), ing.embedderTexts(), ing.embedderSeconds(), ing.rerankerTexts(),
                        ing.rerankerSeconds(), ing.langchain4jSeconds());
            }
            Hoisting h = w.hoisting();
            if (h != null) {
                out.printf(Locale.ROOT, "  hoisting saves ayo4j %.1f rerank texts (%.0f ms at ingestion's cost) per query "
                        + "one at a time: it pays back after %s queries%n", h.savedTextsPerQuery(),
                        1000 * h.savedSecondsPerQuery(), Double.isInfinite(h.paybackQueries()) ? "no number of"
                                : String.format(Locale.ROOT, "%.0f", Math.ceil(h.paybackQueries())));
            }
            Knee knee = w.knee();
            if (knee != null) {
                out.printf(Locale.ROOT, "%n  knee: at %.3f q/s LangChain4j's P90 is %.0f ms (%.1fx its one-at-a-time "
                                + "%.0f ms); ayo4j's P90 there is %.0f ms, %.2fx lower%n", knee.rate(),
                        knee.langchain4jP90Ms(), knee.langchain4jP90Ms() / knee.langchain4jSerialP90Ms(),
                        knee.langchain4jSerialP90Ms(), knee.ayo4jP90Ms(), knee.ratio());
            } else if (w.runs().stream().anyMatch(r -> r.arrivals().startsWith("poisson"))) {
                out.println("\n  knee: LangChain4j's P90 did not reach twice its one-at-a-time P90 at the rates run");
            }
            if (!w.ablation().isEmpty()) {
                out.printf("%n  ablation, one at a time (passes added in order)%n");
                out.printf("  %-20s %10s %10s%n", "passes", "mean ms", "P90 ms");
                for (SystemReport s : w.ablation()) {
                    out.printf(Locale.ROOT, "  %-20s %10.0f %10.0f%n", s.system(), s.meanMs(), s.p90Ms());
                }
            }
        }
    }
}
