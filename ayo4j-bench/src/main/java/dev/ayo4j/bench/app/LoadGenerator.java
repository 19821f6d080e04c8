// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.bench.Stats;
import dev.ayo4j.bench.app.AppBenchReport.Work;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator of the app benchmark: serves one system's queries on freshly opened engines, one at a
 * time (closed loop) or at the offsets of open-loop {@link Arrivals} (each query on a virtual thread of
 * its own, its latency counted from its arrival), and meters the work they did. Holds no state between
 * runs: every run opens, meters and closes its own engines.
 */
final class LoadGenerator {
    /** The collection the corpus is ingested into, once. */
    static final String CORPUS = "bench-corpus";

    private final EngineSource engines;
    private final Map<String, EngineSource> placed;
    private final double slotSimilarity;
    private final Duration deadline;
    private final PrintStream log;

    /** What a system did in one run: each query's outcome, in query order, and its work per query. */
    record Measured(List<QueryOutcome> outcomes, Work work) {
        Measured {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Runs on {@code engines}, or for a system named in {@code placed} on the engines given there (ayo4j on
     * another placement); the LLM's slots are modeled as choosing at {@code slotSimilarity}. LangChain4j's
     * own encoders are counted by the system ({@link LangChain4jRag#embedderTexts()}).
     */
    LoadGenerator(EngineSource engines, Map<String, EngineSource> placed, double slotSimilarity,
                  Duration deadline, PrintStream log) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.placed = Map.copyOf(placed);
        this.slotSimilarity = slotSimilarity;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs {@code queries} through {@code s} under {@code arrivals} on a freshly reopened LLM; each query in
     * a collection of its own if {@code ownCollections}, else all in the corpus.
     */
    Measured measure(BenchSystem s, List<BenchQuery> queries, Arrivals arrivals, boolean ownCollections) {
        EngineSource source = placed.getOrDefault(s.name(), engines);
        Engines opened = source.open();
        WorkMeter.Metered metered = WorkMeter.meter(opened, slotSimilarity);
        long embeddedBefore = s instanceof LangChain4jRag l ? l.embedderTexts() : 0;
        long scoredBefore = s instanceof LangChain4jRag l ? l.scoringTexts() : 0;
        s.begin(metered.engines());
        try {
            List<QueryOutcome> out = arrivals instanceof Arrivals.OneAtATime
                    ? closedLoop(s, queries, arrivals, ownCollections)
                    : openLoop(s, queries, arrivals, ownCollections);
            double mean = Stats.mean(out.stream().map(o -> o.latencyNanos() / 1e6).toList());
            // The machine's load beside the figure: on a shared machine it moves between runs.
            log.printf(Locale.ROOT, "   %-28s mean %8.0f ms   (load average %.1f)%n", s.name(), mean,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long embedded = s instanceof LangChain4jRag l ? l.embedderTexts() - embeddedBefore : 0;
            long scored = s instanceof LangChain4jRag l ? l.scoringTexts() - scoredBefore : 0;
            return new Measured(out, plusRerankerTexts(metered.meter().perQuery(queries.size(), embedded),
                    scored / (double) Math.max(1, queries.size())));
        } finally {
            s.end();
            source.close(opened);
        }
    }

    /** {@code w} with {@code perQuery} more reranker texts: those a system's own scoring model encoded. */
    static Work plusRerankerTexts(Work w, double perQuery) {
        return perQuery == 0 ? w : new Work(w.promptTokens(), w.prefilledTokens(), w.prefilledFrom(), w.embedderTexts(),
                w.rerankerTexts() + perQuery, w.storedVectors(), w.savedTexts());
    }

    private static List<QueryOutcome> closedLoop(BenchSystem s, List<BenchQuery> queries, Arrivals arrivals,
                                                 boolean own) {
        List<QueryOutcome> out = new ArrayList<>();
        for (BenchQuery q : queries) {
            out.add(s.answer(q, collection(s, arrivals, q, own)));
        }
        return out;
    }

    private List<QueryOutcome> openLoop(BenchSystem s, List<BenchQuery> queries, Arrivals arrivals, boolean own) {
        List<Long> offsets = arrivals.offsets(queries.size());
        List<Future<QueryOutcome>> futures = new ArrayList<>();
        List<QueryOutcome> out = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < queries.size(); i++) {
                long arrival = t0 + offsets.get(i);
                while (System.nanoTime() < arrival) {
                    LockSupport.parkNanos(arrival - System.nanoTime());
                }
                BenchQuery q = queries.get(i);
                String coll = collection(s, arrivals, q, own);
                futures.add(exec.submit(() -> s.answer(q, coll).withLatency(System.nanoTime() - arrival)));
            }
            for (Future<QueryOutcome> f : futures) {
                out.add(f.get(deadline.toNanos(), TimeUnit.NANOSECONDS));
            }
        } catch (ExecutionException e) {
            throw new Ayo4jException(s.name() + " failed under " + arrivals.label() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ayo4jException("interrupted while running " + s.name(), e);
        } catch (TimeoutException e) {
            throw new Ayo4jException(s.name() + " missed the deadline under " + arrivals.label(), e);
        }
        return out;
    }

    /**
     * The corpus, or a collection of the query's own, named after the system, the arrivals and the query,
     * so that no two runs share one.
     */
    static String collection(BenchSystem s, Arrivals arrivals, BenchQuery q, boolean own) {
        if (!own) {
            return CORPUS;
        }
        String slug = (s.name() + "-" + arrivals.label()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "bench-" + slug + "-" + q.index();
    }
}
