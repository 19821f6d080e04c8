// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench;

import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Ticker;
import dev.ayo4j.spi.TraceContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what observing costs: the telemetry agent's CPU share as a process of its own, and the run time
 * per primitive that metrics, spans and trace files add to {@code bench runtime}'s no-op workload, beside
 * the same workload with instrumentation off, in one run.
 *
 * <p>Run it with {@code bin/ayo4j bench telemetry [--json FILE]}.
 */
public final class TelemetryBenchmark {
    /**
     * Times one round's recorded events are replayed per measurement: enough CPU time (about a second) that
     * the process clock's 10 ms resolution and a collector pause fall within a few percent.
     */
    public static final int REPLAYS = 10;
    /** Spans per query that the batch processor's queue makes room for (a run's span and one per primitive). */
    static final int SPANS_PER_QUERY = 32;
    private final Ticker ticker = Ticker.systemTicker();

    /**
     * CPU the agent process used over a window after its warm-up.
     *
     * @param interval      the agent's sampling interval
     * @param windowSeconds wall time measured
     * @param cpuSeconds    the agent's user and system CPU time in that window
     * @param coreShare     {@code cpuSeconds / windowSeconds}: the share of one core
     */
    public record AgentFigures(String interval, double windowSeconds, double cpuSeconds, double coreShare) {}

    /**
     * Run time per primitive with one instrumentation setting.
     *
     * @param setting                     what listened to the runs
     * @param medianMicrosPerPrimitive    median over rounds of wall time per primitive
     * @param addedMicrosPerPrimitive     the median minus the median with instrumentation off
     * @param medianCpuMicrosPerPrimitive median over rounds of the process's CPU time per primitive
     * @param addedCpuMicrosPerPrimitive  that median minus the one with instrumentation off
     */
    public record InstrumentationFigures(String setting, double medianMicrosPerPrimitive,
                                         double addedMicrosPerPrimitive, double medianCpuMicrosPerPrimitive,
                                         double addedCpuMicrosPerPrimitive) {}

    /**
     * The figures: the agent's; instrumentation's on the running workload; the listeners' own cost, the run
     * events of one round of the workload recorded and replayed into each setting's listener on one thread
     * ({@code replayed}, {@value #REPLAYS} times per measurement; its wall and CPU figures per primitive, the
     * same drains included), where neither the
     * runtime's threads nor the machine's other load blur a difference of a microsecond; and the spans the
     * exporter received from the running workload (every run's and primitive's span: none are dropped at this
     * queue size).
     */
    public record Report(List<AgentFigures> agent, List<InstrumentationFigures> instrumentation,
                         List<InstrumentationFigures> replayed, int queries, int rounds, int primitivesPerQuery,
                         long spansExported) {}

    /**
     * Starts each agent command (its output discarded) at once, waits {@code warmup}, and measures each one's
     * CPU time over {@code window}; the processes are stopped afterwards. {@code commands} maps the sampling
     * interval to its command.
     */
    public List<AgentFigures> agents(java.util.Map<String, List<String>> commands, Duration warmup, Duration window)
            throws IOException, InterruptedException {
        List<String> intervals = List.copyOf(commands.keySet());
        List<Process> running = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        try {
            for (String interval : intervals) {
                Path err = Files.createTempFile("ayo4j-agent", ".err");
                errs.add(err);
                running.add(new ProcessBuilder(commands.get(interval)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile()).start());
            }
            Thread.sleep(warmup);
            long[] before = new long[running.size()];
            for (int i = 0; i < running.size(); i++) {
                before[i] = cpu(running.get(i), errs.get(i)).toNanos();
            }
            long t0 = ticker.read();
            Thread.sleep(window);
            List<AgentFigures> out = new ArrayList<>();
            double seconds = (ticker.read() - t0) / 1e9;
            for (int i = 0; i < running.size(); i++) {
                double cpuSeconds = (cpu(running.get(i), errs.get(i)).toNanos() - before[i]) / 1e9;
                out.add(new AgentFigures(intervals.get(i), seconds, cpuSeconds, cpuSeconds / seconds));
            }
            return out;
        } finally {
            for (Process p : running) {
                p.destroy();
                p.waitFor();
            }
            for (Path e : errs) {
                Files.deleteIfExists(e);
            }
        }
    }

    private static Duration cpu(Process p, Path err) throws IOException {
        if (!p.isAlive()) {
            throw new IllegalStateException("the agent exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return p.toHandle().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("this platform does not report a process's CPU time"));
    }

    /**
     * {@code bench runtime}'s scheduler workload ({@code queries} concurrent optimized advanced-rag queries on
     * no-op engines) with instrumentation off, metrics, metrics and spans, and trace files written under
     * {@code traces}: {@code cycles} times through the four settings in turn, {@code rounds} timed rounds each
     * time, so that drift of a shared machine falls on every setting alike; each figure is the median of its
     * settings' per-cycle medians. Each round's time includes draining what the setting left to background
     * work: spans still queued in the SDK's batch processor are exported (to an exporter that counts and drops
     * them), and the trace files' rows are written out as Parquet, which a deployment does once per 16 MiB or
     * 30 s, so per round (23,000 rows) overstates the files' cost.
     */
    public Report instrumentation(int queries, int rounds, int cycles, Path traces, List<AgentFigures> agent) {
        RuntimeBenchmark bench = new RuntimeBenchmark();
        bench.scheduler(queries, 3, 1, RunListener.NONE);
        List<String> settings = List.of("off", "metrics (Micrometer, Prometheus registry)",
                "metrics + spans (OpenTelemetry SDK, batch processor)", "trace files (Parquet through DuckDB)");
        double[][] medians = new double[settings.size()][cycles];
        double[][] cpuMedians = new double[settings.size()][cycles];
        double[][] replayWall = new double[settings.size()][cycles * rounds];
        double[][] replayCpu = new double[settings.size()][cycles * rounds];
        long spansExported;
        AtomicLong exported = new AtomicLong();
        int primitives = 0;
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new CountingExporter(exported)).setMaxQueueSize(spanQueue(queries)).build()).build()).build();
             TraceFiles files = TraceFiles.open(traces, Limits.DEFAULT)) {
            Observability metrics = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    OpenTelemetry.noop());
            Observability both = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), otel);
            List<RunListener> listeners = List.of(RunListener.NONE, metrics.listener("advanced-rag"),
                    both.listener("advanced-rag"), files.listener("advanced-rag", "ayo4j"));
            Runnable none = () -> { };
            Runnable spans = () -> otel.getSdkTracerProvider().forceFlush().join(1, TimeUnit.MINUTES);
            List<Runnable> drains = List.of(none, none, spans, files::flush);
            for (int c = 0; c < cycles; c++) {
                for (int s = 0; s < settings.size(); s++) {
                    RuntimeBenchmark.SchedulerFigures f = bench.scheduler(queries, 1, rounds, listeners.get(s),
                            drains.get(s));
                    medians[s][c] = f.medianMicrosPerPrimitive();
                    cpuMedians[s][c] = f.medianCpuMicrosPerPrimitive();
                    primitives = f.primitivesPerQuery();
                }
            }
            spansExported = exported.get();
            Recording recording = new Recording();
            bench.scheduler(queries, 0, 1, recording);
            List<Object> events = List.copyOf(recording.events);
            long recordedPrimitives = events.stream().filter(e -> e instanceof RunEvent.Finished).count();
            for (int c = 0; c < cycles * rounds; c++) {
                for (int s = 0; s < settings.size(); s++) {
                    long cpu = processCpuNanos();
                    long start = ticker.read();
                    for (int r = 0; r < REPLAYS; r++) {
                        replay(events, listeners.get(s));
                    }
                    drains.get(s).run();
                    replayWall[s][c] = (ticker.read() - start) / 1e3 / (REPLAYS * recordedPrimitives);
                    replayCpu[s][c] = (processCpuNanos() - cpu) / 1e3 / (REPLAYS * recordedPrimitives);
                }
            }
        }
        return new Report(agent, figures(settings, medians, cpuMedians), figures(settings, replayWall, replayCpu),
                queries, rounds * cycles, primitives, spansExported);
    }

    /**
     * The batch processor's queue: room for every span of {@value #REPLAYS} replayed rounds, which arrive faster
     * than one export thread drains them; a smaller queue drops spans, and a dropped span costs less than one
     * exported (at 65,536 the replay of 1,000 queries dropped spans).
     */
    static int spanQueue(int queries) {
        long spans = (long) REPLAYS * queries * SPANS_PER_QUERY;
        return (int) Math.min(1 << 30, Math.max(1 << 16, Long.highestOneBit(spans - 1) << 1));
    }

    private static List<InstrumentationFigures> figures(List<String> settings, double[][] wall, double[][] cpu) {
        List<InstrumentationFigures> out = new ArrayList<>();
        double off = median(wall[0]);
        double cpuOff = median(cpu[0]);
        for (int s = 0; s < settings.size(); s++) {
            double m = median(wall[s]);
            double c = median(cpu[s]);
            out.add(new InstrumentationFigures(settings.get(s), m, m - off, c, c - cpuOff));
        }
        return out;
    }

    /**
     * Delivers recorded events to {@code listener} as the runtime would: a query's trace context first (the
     * no-op engines send no trace context, so no task's is asked for).
     */
    private static void replay(List<Object> events, RunListener listener) {
        for (Object e : events) {
            if (e instanceof RunEvent event) {
                listener.onEvent(event);
            } else if (listener != RunListener.NONE) {
                listener.traceContext(((QueryStart) e).queryId());
            }
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** A query's start as the runtime announces it to its listener ({@link RunListener#traceContext}). */
    private record QueryStart(String queryId) {}

    /** Listener that records the runtime's calls in order: query starts and run events. */
    private static final class Recording implements RunListener {
        final java.util.Queue<Object> events = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void onEvent(RunEvent event) {
            events.add(event);
        }

        @Override
        public TraceContext traceContext(String queryId) {
            events.add(new QueryStart(queryId));
            return TraceContext.NONE;
        }
    }

    private static double median(double[] xs) {
        double[] copy = xs.clone();
        java.util.Arrays.sort(copy);
        return Stats.percentile(copy, 50);
    }

    /** Span exporter that counts and drops: the SDK's cost without a collector's. */
    private record CountingExporter(AtomicLong count) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            count.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
