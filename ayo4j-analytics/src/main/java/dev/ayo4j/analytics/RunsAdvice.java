// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.RunsReport.AppSummary;
import dev.ayo4j.analytics.RunsReport.BatchCount;
import dev.ayo4j.analytics.RunsReport.EngineUtilization;
import dev.ayo4j.analytics.RunsReport.Failure;
import dev.ayo4j.analytics.RunsReport.Padding;
import dev.ayo4j.analytics.RunsReport.PrimitiveTime;
import dev.ayo4j.analytics.RunsReport.Warmup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns the figures of a {@link RunsReport} into plain advice, each item naming the figure it rests on. */
final class RunsAdvice {
    /** An engine busier than this bounds the queries that use it. */
    static final double BUSY = 0.7;
    /** Median e2e over critical path above this: queries mostly wait. */
    static final double WAITING_RATIO = 1.5;
    /** Median e2e over critical path below this: scheduling is near its limit. */
    static final double NEAR_LIMIT_RATIO = 1.15;
    /** Queueing per query below which a second engine instance would gain nothing worth saying. */
    static final double NEGLIGIBLE_WAIT_MS = 10;
    /** The primitive kind of a warm-up prefill, which waits for an idle engine on purpose. */
    static final String WARM_UP = "PartialPrefill";
    /** Padding share above which length bins pay. */
    static final double PADDING = 0.25;

    private RunsAdvice() {}

    static List<Recommendation> recommend(RunsReport r) {
        List<Recommendation> out = new ArrayList<>();
        for (String system : r.runsPerSystem().keySet()) {
            long runs = r.runsPerSystem().get(system);
            String where = r.runsPerSystem().size() > 1 ? " (" + system + ")" : "";
            EngineUtilization busiest = r.utilization().stream().filter(u -> u.system().equals(system))
                    .max(Comparator.comparingDouble(EngineUtilization::utilization)).orElse(null);
            if (busiest != null && busiest.utilization() >= BUSY) {
                // Warm-ups wait for an otherwise idle engine by design: their queueing is not a shortage.
                double queuePerRun = r.primitives().stream()
                        .filter(p -> p.system().equals(system) && p.engine().equals(busiest.engine())
                                && !p.primitive().equals(WARM_UP))
                        .mapToDouble(PrimitiveTime::queueMs).sum() / Math.max(1, runs);
                String cure = queuePerRun >= NEGLIGIBLE_WAIT_MS
                        ? String.format(Locale.ROOT, "a second %s instance or a faster device would remove most of "
                                + "that wait, cutting e2e by up to ~%.0f ms per query.", busiest.engine(), queuePerRun)
                        : "that wait is negligible, so a second instance would not help: the queries keep it busy "
                                + "with their own work, which only a faster device shortens.";
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "The %s engine is busy %.0f %% of the run%s: it bounds every query that uses it. Its "
                                + "primitives other than warm-ups wait %.0f ms per query in its queue (see \"%s\"); "
                                + "%s", busiest.engine(), 100 * busiest.utilization(), where, queuePerRun,
                        RunsReport.FIG_TIME, cure), RunsReport.FIG_UTILIZATION));
            } else if (busiest != null) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "No engine is busy more than %.0f %% of the run%s (%s is the busiest): capacity is not the "
                                + "limit; the dependency chain of each query is, so the passes (prefill split, decode "
                                + "pipelining) matter more than more instances.", 100 * busiest.utilization(), where,
                        busiest.engine()), RunsReport.FIG_UTILIZATION));
            }
            for (EngineUtilization u : r.utilization()) {
                if (!u.system().equals(system) || u.utilization() < BUSY / 2) {
                    continue;
                }
                long all = 0;
                long single = 0;
                for (BatchCount b : r.batchSizes()) {
                    if (b.system().equals(system) && b.engine().equals(u.engine())) {
                        all += b.batches();
                        single += b.value() <= 1 ? b.batches() : 0;
                    }
                }
                if (all >= 10 && single >= 0.8 * all) {
                    out.add(new Recommendation(String.format(Locale.ROOT,
                            "The %s engine runs %.0f %% of its %d batches with a single task while busy %.0f %% of "
                                    + "the run%s: let its batch policy wait a little longer (max wait) so that queued "
                                    + "tasks share a batch.", u.engine(), 100.0 * single / all, all,
                            100 * u.utilization(), where), RunsReport.FIG_BATCHES));
                }
            }
        }
        for (AppSummary a : r.apps()) {
            String label = a.app() + (r.runsPerSystem().size() > 1 ? " on " + a.system() : "");
            if (a.p50OverCriticalPath() >= WAITING_RATIO) {
                PrimitiveTime worstQueue = r.primitives().stream().filter(p -> p.system().equals(a.system()))
                        .max(Comparator.comparingDouble(PrimitiveTime::queueMs)).orElse(null);
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "Half the queries of %s take at least %.1fx their critical path: they lose most of their time "
                                + "waiting, not working.%s", label, a.p50OverCriticalPath(), worstQueue == null ? ""
                                : String.format(Locale.ROOT, " The longest queueing is %s on %s (%.0f ms on average "
                                + "per span, see \"%s\").", worstQueue.primitive(), worstQueue.engine(),
                                worstQueue.meanQueueMs(), RunsReport.FIG_TIME)), RunsReport.FIG_RATIOS));
            } else if (a.p50OverCriticalPath() > 0 && a.p50OverCriticalPath() <= NEAR_LIMIT_RATIO) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "Queries of %s run within %.0f %% of their critical path at the median: scheduling is near its "
                                + "limit; only faster engines or a shorter dependency chain make them faster.", label,
                        100 * (a.p50OverCriticalPath() - 1)), RunsReport.FIG_RATIOS));
            }
        }
        for (Padding p : r.padding()) {
            if (p.waste() >= PADDING) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "The %s encoder spends %.0f %% of the tokens it computes on padding (%,d real of %,d padded "
                                + "tokens): send texts by length (the arlo policy with length bins) to cut it.",
                        p.engine(), 100 * p.waste(), p.realTokens(), p.paddedTokens()), RunsReport.FIG_PADDING));
            }
        }
        for (String system : r.runsPerSystem().keySet()) {
            long total = 0;
            long fellBack = 0;
            long skipped = 0;
            long okTokens = 0;
            for (Warmup w : r.warmups()) {
                if (!w.system().equals(system)) {
                    continue;
                }
                total += w.count();
                switch (w.outcome()) {
                    case "fell_back", "failed" -> fellBack += w.count();
                    case "skipped" -> skipped += w.count();
                    case "ok" -> okTokens += w.tokens();
                    default -> { }
                }
            }
            if (total == 0) {
                continue;
            }
            String where = r.runsPerSystem().size() > 1 ? " of " + system : "";
            if (fellBack >= 0.1 * total) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "%.0f %% of the warm-ups%s fell back or failed: the LLM refused or lost them; check its slots "
                                + "and prompt cache.", 100.0 * fellBack / total, where), RunsReport.FIG_WARMUPS));
            }
            if (skipped >= 0.5 * total) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "%.0f %% of the warm-ups%s were skipped because every input was already final: the prefill "
                                + "split gains little on this workload.", 100.0 * skipped / total, where),
                        RunsReport.FIG_WARMUPS));
            }
            if (okTokens > 0) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "Warm-ups%s prefilled %,d prompt tokens ahead of their prompts (%.0f per query) that the full "
                                + "prefill found in the cache: keep the prefill split on.", where, okTokens,
                        (double) okTokens / Math.max(1, r.runsPerSystem().get(system))), RunsReport.FIG_WARMUPS));
            }
        }
        long failed = r.apps().stream().mapToLong(AppSummary::failed).sum();
        long runs = r.apps().stream().mapToLong(AppSummary::runs).sum();
        if (failed > 0 && !r.failures().isEmpty()) {
            Failure top = r.failures().getFirst();
            out.add(new Recommendation(String.format(Locale.ROOT,
                    "%,d of %,d runs failed (%.1f %%); the most frequent error (%,d runs): %s", failed, runs,
                    100.0 * failed / runs, top.runs(), top.error()), RunsReport.FIG_FAILURES));
        }
        return out;
    }
}
