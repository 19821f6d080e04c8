package dev.ayo4j.bench;

import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Ticker;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what observing costs: the telemetry agent's CPU share as a process of its own, and the run time
 * per primitive that metrics, spans and trace files add to {@code bench runtime}'s no-op workload, beside
 * the same workload with instrumentation off, in one run.
 *
 * <p>Run it with {@code bin/ayo4j bench telemetry [--json FILE]}.
 */
public final class TelemetryBenchmark {
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
     * @param setting                  what listened to the runs
     * @param medianMicrosPerPrimitive median over rounds of wall time per primitive
     * @param addedMicrosPerPrimitive  the median minus the median with instrumentation off
     */
    public record InstrumentationFigures(String setting, double medianMicrosPerPrimitive,
                                         double addedMicrosPerPrimitive) {}

    /** Both sets of figures. */
    public record Report(List<AgentFigures> agent, List<InstrumentationFigures> instrumentation, int queries,
                         int rounds, int primitivesPerQuery) {}

    /**
     * Starts {@code command} (the agent, its output discarded), waits {@code warmup}, and measures its CPU time
     * over {@code window}; the process is stopped afterwards.
     */
    public AgentFigures agent(String interval, List<String> command, Duration warmup, Duration window)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("ayo4j-agent", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        try {
            Thread.sleep(warmup);
            Duration cpu0 = cpu(p, err);
            long t0 = ticker.read();
            Thread.sleep(window);
            Duration cpu1 = cpu(p, err);
            double seconds = (ticker.read() - t0) / 1e9;
            double cpuSeconds = (cpu1.toNanos() - cpu0.toNanos()) / 1e9;
            return new AgentFigures(interval, seconds, cpuSeconds, cpuSeconds / seconds);
        } finally {
            p.destroy();
            p.waitFor();
            Files.deleteIfExists(err);
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
     * no-op engines, {@code rounds} timed rounds) with instrumentation off, metrics, metrics and spans, and
     * trace files written under {@code traces}; off runs first and last, and the baseline is the lower of them.
     */
    public Report instrumentation(int queries, int rounds, Path traces, List<AgentFigures> agent) {
        RuntimeBenchmark bench = new RuntimeBenchmark();
        List<InstrumentationFigures> out = new ArrayList<>();
        RuntimeBenchmark.SchedulerFigures first = bench.scheduler(queries, 2, rounds, RunListener.NONE);
        double[] medians = new double[3];
        Observability metrics = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                OpenTelemetry.noop());
        medians[0] = bench.scheduler(queries, 2, rounds, metrics.listener("advanced-rag")).medianMicrosPerPrimitive();
        AtomicLong exported = new AtomicLong();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new CountingExporter(exported)).build()).build()).build()) {
            Observability both = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), otel);
            medians[1] = bench.scheduler(queries, 2, rounds, both.listener("advanced-rag")).medianMicrosPerPrimitive();
        }
        try (TraceFiles files = TraceFiles.open(traces, Limits.DEFAULT)) {
            medians[2] = bench.scheduler(queries, 2, rounds, files.listener("advanced-rag", "ayo4j"))
                    .medianMicrosPerPrimitive();
        }
        RuntimeBenchmark.SchedulerFigures last = bench.scheduler(queries, 2, rounds, RunListener.NONE);
        double off = Math.min(first.medianMicrosPerPrimitive(), last.medianMicrosPerPrimitive());
        out.add(new InstrumentationFigures("off (first run)", first.medianMicrosPerPrimitive(),
                first.medianMicrosPerPrimitive() - off));
        out.add(new InstrumentationFigures("metrics (Micrometer, Prometheus registry)", medians[0], medians[0] - off));
        out.add(new InstrumentationFigures("metrics + spans (OpenTelemetry SDK, batch processor)", medians[1],
                medians[1] - off));
        out.add(new InstrumentationFigures("trace files (Parquet through DuckDB)", medians[2], medians[2] - off));
        out.add(new InstrumentationFigures("off (last run)", last.medianMicrosPerPrimitive(),
                last.medianMicrosPerPrimitive() - off));
        return new Report(agent, out, queries, rounds, first.primitivesPerQuery());
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
