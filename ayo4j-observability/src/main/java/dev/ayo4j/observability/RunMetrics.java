// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Run listener that turns run events into Micrometer meters: GenAI client metrics per engine call, ayo4j's
 * per-engine queue, batch and service figures, warm-up outcomes, and per-run duration, critical path and
 * ratios. Meters are created once per label set and cached, so an event costs map look-ups and a record.
 *
 * <p>Labels are the app, engine, primitive kind and outcome only: never a query id or text.
 */
final class RunMetrics implements RunListener {
    /** Bucket bounds the GenAI conventions advise for durations, in seconds. */
    private static final Duration[] DURATION_BUCKETS = durations(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** Bucket bounds the GenAI conventions advise for token counts. */
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};
    /** Batches whose members have not all finished are forgotten past this many (cancelled queries). */
    private static final int MAX_OPEN_BATCHES = 4096;

    private final MeterRegistry registry;
    private final String app;
    private final Function<String, EngineDescription> engines;
    private final Ticker ticker;
    private static final int OUTCOMES = TraceEvent.Outcome.values().length;

    /** Meters by engine, primitive kind and outcome ordinal. */
    private final Map<String, Map<String, PrimitiveMeters[]>> primitives = new ConcurrentHashMap<>();
    private final Map<String, EngineMeters> engineMeters = new ConcurrentHashMap<>();
    private final Map<String, LlmMeters> llmMeters = new ConcurrentHashMap<>();
    private final Map<String, QueryState> queries = new ConcurrentHashMap<>();
    private final Map<BatchKey, long[]> openBatches = new ConcurrentHashMap<>();
    private final RunMeters ok;
    private final RunMeters failed;

    RunMetrics(MeterRegistry registry, String app, Function<String, EngineDescription> engines, Ticker ticker) {
        this.registry = registry;
        this.app = app;
        this.engines = engines;
        this.ticker = ticker;
        this.ok = new RunMeters("ok");
        this.failed = new RunMeters("failed");
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.Ready r -> {
                QueryState q = queries.get(r.queryId());
                if (q == null) {
                    q = queries.computeIfAbsent(r.queryId(), _ -> new QueryState(r.nanos()));
                }
                if (r.primitive().equals("Decode")) {
                    q.decodes.put(r.nodeId(), new long[] {q.lastPrefillStart, 0});
                }
            }
            case RunEvent.Started s -> started(s);
            case RunEvent.Token t -> {
                QueryState q = queries.get(t.queryId());
                long[] d = q == null || t.nodeId() == null ? null : q.decodes.get(t.nodeId());
                if (d != null && d[1] == 0) {
                    d[1] = ticker.read();
                    if (d[0] != 0) {
                        llm(q.decodeEngine).ttft.record(d[1] - d[0], TimeUnit.NANOSECONDS);
                    }
                }
            }
            case RunEvent.Finished f -> finished(f.event());
            case RunEvent.Succeeded s -> succeeded(s.result());
            case RunEvent.Failed f -> {
                QueryState q = queries.remove(f.queryId());
                failed.runs.increment();
                if (q != null) {
                    failed.duration.record(ticker.read() - q.firstNanos, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void started(RunEvent.Started s) {
        EngineMeters e = engine(s.engine());
        if (s.primitive().equals("Prefill")) {
            QueryState q = queries.get(s.queryId());
            if (q != null) {
                q.lastPrefillStart = s.nanos();
                q.decodeEngine = s.engine();
            }
        }
        // Every member of a batch reports its start; the batch is counted once, by its first member seen.
        long seen = e.lastBatch.get();
        if (s.batchId() > seen && e.lastBatch.compareAndSet(seen, s.batchId())) {
            e.batchSize.record(s.batchSize());
        }
    }

    private void finished(TraceEvent t) {
        PrimitiveMeters m = meters(t.engine(), t.primitive(), t.outcome());
        long service = Math.max(0, t.serviceNanos());
        m.service.record(service, TimeUnit.NANOSECONDS);
        if (m.queueWait != null) {
            m.queueWait.record(Math.max(0, t.waitNanos()), TimeUnit.NANOSECONDS);
        }
        if (m.operation != null) {
            m.operation.record(service, TimeUnit.NANOSECONDS);
            if (t.tokensIn() > 0) {
                m.tokensIn.record(t.tokensIn());
            }
            if (t.tokensOut() > 0 && m.tokensOut != null) {
                m.tokensOut.record(t.tokensOut());
            }
        }
        if (m.warmUps != null) {
            m.warmUps.increment();
            if (t.outcome() == TraceEvent.Outcome.OK && t.tokensIn() > 0) {
                llm(t.engine()).warmedTokens.increment(t.tokensIn());
            }
        }
        if (t.primitive().equals("Decode")) {
            QueryState q = queries.get(t.queryId());
            long[] d = q == null ? null : q.decodes.remove(t.nodeId());
            if (d != null && d[1] != 0 && t.tokensOut() > 1) {
                llm(q.decodeEngine).tpot.record((t.endNanos() - d[1]) / (t.tokensOut() - 1), TimeUnit.NANOSECONDS);
            }
        }
        if (t.batchId() >= 0 && t.batchSize() > 1) {
            batchMember(t);
        } else if (t.batchId() >= 0) {
            engine(t.engine()).batchTokens.record(t.tokensIn());
        }
    }

    /** Sums the input tokens of a batch's members and records the sum when the last one finishes. */
    private void batchMember(TraceEvent t) {
        if (openBatches.size() > MAX_OPEN_BATCHES) {
            openBatches.clear();
        }
        BatchKey key = new BatchKey(t.engine(), t.batchId());
        long[] acc = openBatches.computeIfAbsent(key, _ -> new long[] {t.batchSize(), 0});
        long tokens;
        synchronized (acc) {
            acc[1] += t.tokensIn();
            if (--acc[0] > 0) {
                return;
            }
            tokens = acc[1];
        }
        openBatches.remove(key);
        engine(t.engine()).batchTokens.record(tokens);
    }

    private void succeeded(QueryResult r) {
        queries.remove(r.queryId());
        ok.runs.increment();
        ok.duration.record(r.endToEndNanos(), TimeUnit.NANOSECONDS);
        ok.criticalPath.record(r.criticalPathNanos(), TimeUnit.NANOSECONDS);
        if (r.criticalPathNanos() > 0) {
            ok.ratio.record(r.ratio());
        }
        // The lower bound is computed from the trace on each call: once here.
        long bound = r.lowerBoundNanos();
        if (bound > 0) {
            ok.boundRatio.record((double) r.endToEndNanos() / bound);
        }
    }

    /** The meters of a primitive kind on an engine with an outcome: two map reads, no key built per event. */
    private PrimitiveMeters meters(String engine, String primitive, TraceEvent.Outcome outcome) {
        Map<String, PrimitiveMeters[]> byPrimitive = primitives.get(engine);
        if (byPrimitive == null) {
            byPrimitive = primitives.computeIfAbsent(engine, _ -> new ConcurrentHashMap<>());
        }
        PrimitiveMeters[] byOutcome = byPrimitive.get(primitive);
        if (byOutcome == null) {
            byOutcome = byPrimitive.computeIfAbsent(primitive, _ -> new PrimitiveMeters[OUTCOMES]);
        }
        PrimitiveMeters m = byOutcome[outcome.ordinal()];
        if (m == null) {
            // Registering twice gives the registry's same meters, so a race here only builds a record twice.
            m = meters(new PrimitiveKey(engine, primitive, outcome));
            byOutcome[outcome.ordinal()] = m;
        }
        return m;
    }

    private PrimitiveMeters meters(PrimitiveKey k) {
        String outcome = k.outcome().name().toLowerCase(java.util.Locale.ROOT);
        Timer service = Timer.builder("ayo4j.engine.service").description("service time of one primitive")
                .tags("ayo4j.engine", k.engine(), "ayo4j.primitive", k.primitive(), "outcome", outcome)
                .register(registry);
        boolean onEngine = !k.engine().equals(TraceEvent.LOCAL);
        Timer wait = onEngine ? Timer.builder("ayo4j.engine.queue.wait")
                .description("time a primitive waited in its engine's queue")
                .tags("ayo4j.engine", k.engine(), "ayo4j.primitive", k.primitive(), "outcome", outcome)
                .register(registry) : null;
        String op = GenAi.operation(k.primitive());
        Timer operation = null;
        DistributionSummary in = null;
        DistributionSummary out = null;
        if (op != null) {
            EngineDescription d = engines.apply(k.engine());
            operation = Timer.builder(GenAi.CLIENT_OPERATION_DURATION).description("duration of one engine call")
                    .tags(GenAi.OPERATION_NAME, op, GenAi.PROVIDER_NAME, d.provider(), GenAi.REQUEST_MODEL, d.model(),
                            "ayo4j.primitive", k.primitive())
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
            in = tokens(op, d, "input");
            out = op.equals(GenAi.OP_TEXT_COMPLETION) ? tokens(op, d, "output") : null;
        }
        Counter warmUps = k.primitive().equals("PartialPrefill") ? Counter.builder("ayo4j.llm.warmups")
                .description("prompt warm-ups by outcome").tags("ayo4j.engine", k.engine(), "outcome", outcome)
                .register(registry) : null;
        return new PrimitiveMeters(service, wait, operation, in, out, warmUps);
    }

    private DistributionSummary tokens(String op, EngineDescription d, String type) {
        return DistributionSummary.builder(GenAi.CLIENT_TOKEN_USAGE).description("tokens per engine call")
                .tags(GenAi.OPERATION_NAME, op, GenAi.PROVIDER_NAME, d.provider(), GenAi.REQUEST_MODEL, d.model(),
                        GenAi.TOKEN_TYPE, type)
                .serviceLevelObjectives(TOKEN_BUCKETS).register(registry);
    }

    private EngineMeters engine(String name) {
        return engineMeters.computeIfAbsent(name == null ? TraceEvent.LOCAL : name, EngineMeters::new);
    }

    private LlmMeters llm(String name) {
        return llmMeters.computeIfAbsent(name == null ? TraceEvent.LOCAL : name, LlmMeters::new);
    }

    private static Duration[] durations(double... seconds) {
        Duration[] d = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            d[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return d;
    }

    private record PrimitiveKey(String engine, String primitive, TraceEvent.Outcome outcome) {}

    private record BatchKey(String engine, long batchId) {}

    private record PrimitiveMeters(Timer service, Timer queueWait, Timer operation, DistributionSummary tokensIn,
                                   DistributionSummary tokensOut, Counter warmUps) {}

    /** Where one query's LLM calls stand, for time to first token and per output token. */
    private static final class QueryState {
        final long firstNanos;
        final Map<String, long[]> decodes = new ConcurrentHashMap<>(4);
        volatile long lastPrefillStart;
        volatile String decodeEngine;

        QueryState(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }

    /** Meters of one engine. */
    private final class EngineMeters {
        final AtomicLong lastBatch = new AtomicLong(-1);
        final DistributionSummary batchSize;
        final DistributionSummary batchTokens;

        EngineMeters(String engine) {
            batchSize = DistributionSummary.builder("ayo4j.engine.batch.size").description("primitives per batch")
                    .tag("ayo4j.engine", engine).register(registry);
            batchTokens = DistributionSummary.builder("ayo4j.engine.batch.tokens")
                    .description("input tokens per batch").tag("ayo4j.engine", engine).register(registry);
        }
    }

    /** Meters of one LLM engine. */
    private final class LlmMeters {
        final Counter warmedTokens;
        final Timer ttft;
        final Timer tpot;

        LlmMeters(String engine) {
            EngineDescription d = engines.apply(engine);
            warmedTokens = Counter.builder("ayo4j.llm.prompt_cache.warmed_tokens")
                    .description("prompt tokens cached by warm-ups ahead of their full prefill")
                    .tag("ayo4j.engine", engine).register(registry);
            ttft = Timer.builder(GenAi.SERVER_TIME_TO_FIRST_TOKEN)
                    .description("from an LLM request's start to its first output token")
                    .tags(GenAi.PROVIDER_NAME, d.provider(), GenAi.REQUEST_MODEL, d.model())
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
            tpot = Timer.builder(GenAi.SERVER_TIME_PER_OUTPUT_TOKEN)
                    .description("time per output token after the first")
                    .tags(GenAi.PROVIDER_NAME, d.provider(), GenAi.REQUEST_MODEL, d.model())
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
        }
    }

    /** Meters of runs of the app with one outcome. */
    private final class RunMeters {
        final Counter runs;
        final Timer duration;
        final Timer criticalPath;
        final DistributionSummary ratio;
        final DistributionSummary boundRatio;

        RunMeters(String outcome) {
            runs = Counter.builder("ayo4j.runs").description("runs by app and outcome")
                    .tags("ayo4j.app", app, "outcome", outcome).register(registry);
            duration = Timer.builder(GenAi.WORKFLOW_DURATION).description("end-to-end duration of a run")
                    .tags(GenAi.WORKFLOW_NAME, app, "outcome", outcome)
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
            criticalPath = Timer.builder("ayo4j.run.critical_path")
                    .description("longest chain of measured service times of a run").tags("ayo4j.app", app)
                    .register(registry);
            ratio = DistributionSummary.builder("ayo4j.run.critical_path_ratio")
                    .description("end-to-end time over critical path (1 is the limit)").tags("ayo4j.app", app)
                    .register(registry);
            boundRatio = DistributionSummary.builder("ayo4j.run.lower_bound_ratio")
                    .description("end-to-end time over the larger of critical path and busiest engine")
                    .tags("ayo4j.app", app).register(registry);
        }
    }
}
