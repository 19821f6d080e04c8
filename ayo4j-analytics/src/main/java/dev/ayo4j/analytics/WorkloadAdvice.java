// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.WorkloadReport.EncoderPlan;
import dev.ayo4j.analytics.WorkloadReport.LlmPlan;
import dev.ayo4j.analytics.WorkloadReport.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the figures of a {@link WorkloadReport} into deployment advice, each naming its figure. */
final class WorkloadAdvice {
    private WorkloadAdvice() {}

    static List<Recommendation> recommend(WorkloadReport r) {
        List<Recommendation> out = new ArrayList<>();
        Window second = r.window(1.0);
        Window minute = r.window(WorkloadAnalysis.PEAK_WINDOW);
        double cv = r.interarrival().cv();
        out.add(new Recommendation(String.format(Locale.ROOT,
                "Arrivals are %s: the coefficient of variation of inter-arrival gaps is %.2f (1 for Poisson), and the "
                        + "busiest second carries %.1fx the mean rate (%.1f against %.2f requests/s), the busiest minute "
                        + "%.1fx. Size for the busiest minute (%.2f requests/s), not the mean, and keep admission "
                        + "queues for the seconds above it.", cv > 1.5 ? "bursty" : cv > 1.1 ? "somewhat bursty"
                        : "close to Poisson", cv, second.peakToMean(), second.peakRate(), second.meanRate(),
                minute.peakToMean(), minute.peakRate()), WorkloadReport.FIG_BURST));
        EncoderPlan e = r.encoder();
        StringBuilder bins = new StringBuilder();
        int lower = 1;
        for (int i = 0; i < e.upperBounds().size(); i++) {
            bins.append(i == 0 ? "" : ", ").append(lower).append('-').append(e.upperBounds().get(i)).append(": ")
                    .append(Format.pct((double) e.requestsPerBin().get(i) / r.requests())).append(" of requests, ")
                    .append(e.workersPerBin().get(i)).append(e.workersPerBin().get(i) == 1 ? " worker" : " workers");
            lower = e.upperBounds().get(i) + 1;
        }
        out.add(new Recommendation(String.format(Locale.ROOT,
                "Encoder length bins for these prompts (up to %d tokens, %s truncated beyond): %s (a bin with no "
                        + "worker sends its texts to the next longer bin). Against padding "
                        + "every text to %d tokens, the bins cut encoder compute by %.0f %% (cost model: %s).",
                e.maxTokens(), Format.pct((double) e.truncated() / r.requests()), bins, e.maxTokens(),
                100 * e.computeSavedVsMaxPadding(), e.costModel()), WorkloadReport.FIG_BINS));
        LlmPlan l = r.llm();
        if (l.measured()) {
            out.add(new Recommendation(String.format(Locale.ROOT,
                    "LLM: give each slot a context of %,d tokens (p99 of prompt + output; the longest request needs "
                            + "%,d). At the measured costs of %s (prefill %.3f ms/token, decode %.2f ms/token at batch "
                            + "%.1f) a request takes %s ms on average, so one instance saturates at %.2f requests/s; the "
                            + "busiest minute (%.2f requests/s) needs %d instance(s) with %d slot(s) each (context "
                            + "%,d tokens per instance).", l.contextPerSlot(), r.lengths().totalMax(), l.engine(),
                    l.prefillMsPerToken(), l.decodeMsPerToken(), l.decodeBatch(), Format.ms(l.meanServiceMs()),
                    l.saturationRate(), l.peakRate(), l.instances(), l.slots(),
                    (long) l.slots() * l.contextPerSlot()), WorkloadReport.FIG_LLM));
        } else {
            out.add(new Recommendation(String.format(Locale.ROOT,
                    "LLM: give each slot a context of %,d tokens (p99 of prompt + output; the longest request needs "
                            + "%,d). For slots and the rate at which your engines saturate, pass --engines with the run "
                            + "trace of a bench or serve run on them.", l.contextPerSlot(), r.lengths().totalMax()),
                    WorkloadReport.FIG_LLM));
        }
        double rho = r.lengths().spearman();
        out.add(new Recommendation(String.format(Locale.ROOT,
                "Prompt and output lengths are %s (Spearman %.2f, Pearson %.2f): %s", Math.abs(rho) < 0.2
                        ? "nearly independent" : rho > 0 ? "positively correlated" : "negatively correlated", rho,
                r.lengths().pearson(), Math.abs(rho) < 0.2
                        ? "a long prompt says little about how long the answer will be, so schedule decode slots by "
                        + "max tokens, not by prompt length."
                        : "prompt length predicts output length; a scheduler can use it to estimate decode time."),
                WorkloadReport.FIG_SCATTER));
        if (r.skippedRows() > 0) {
            out.add(new Recommendation(String.format(Locale.ROOT,
                    "%,d row(s) of the input were left out as unreadable (first: %s - %s).", r.skippedRows(),
                    r.skips().getFirst().what(), r.skips().getFirst().reason()), WorkloadReport.FIG_RATE));
        }
        return out;
    }
}
