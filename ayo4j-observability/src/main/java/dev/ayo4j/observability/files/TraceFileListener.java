// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.runtime.trace.TraceSchema;
import dev.ayo4j.spi.Ticker;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run listener that hands a {@code runs} row and its {@code primitives} rows to {@link TraceFiles} when a run
 * ends. A completed run's rows come from its result; a failed run's from the primitives that ended before it
 * failed, which are kept until then. Query ids repeat across runtimes ({@code q1}, {@code q2}, ...), so the
 * {@code run_id} written is the query id and a tag of this listener, {@code q1/5f3a09c2}: unique across the
 * runtimes that share a directory, and the same in both files, which join on it.
 */
final class TraceFileListener implements RunListener {
    private final TraceFiles files;
    private final String app;
    private final String system;
    private final Ticker ticker = Ticker.systemTicker();
    private final long offsetNanos;
    private final String tag = java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    TraceFileListener(TraceFiles files, String app, String system) {
        this.files = files;
        this.app = app;
        this.system = system;
        Instant now = Instant.now();
        this.offsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - ticker.read();
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.Ready r -> runs.computeIfAbsent(r.queryId(), _ -> new Run(r.nanos()));
            case RunEvent.Started _, RunEvent.Token _ -> { }
            case RunEvent.Finished f -> {
                Run run = runs.get(f.queryId());
                if (run != null) {
                    synchronized (run) {
                        run.finished.add(f.event());
                    }
                }
            }
            case RunEvent.Succeeded s -> {
                runs.remove(s.queryId());
                QueryResult r = s.result();
                long end = r.trace().stream().mapToLong(TraceEvent::endNanos).max().orElse(ticker.read());
                long start = end - r.endToEndNanos();
                files.addRun(new Object[] {runId(r.queryId()), app, system, TraceSchema.OUTCOME_OK, time(start),
                    r.endToEndNanos() / 1e6, r.criticalPathNanos() / 1e6, r.lowerBoundNanos() / 1e6, null});
                primitives(r.queryId(), start, r.trace());
            }
            case RunEvent.Failed f -> {
                Run run = runs.remove(f.queryId());
                long now = ticker.read();
                long start = run == null ? now : run.firstNanos;
                List<TraceEvent> done;
                if (run == null) {
                    done = List.of();
                } else {
                    synchronized (run) {
                        done = List.copyOf(run.finished);
                    }
                }
                String error = f.cause().getMessage() != null ? f.cause().getMessage() : f.cause().toString();
                files.addRun(new Object[] {runId(f.queryId()), app, system, TraceSchema.OUTCOME_FAILED, time(start),
                    (now - start) / 1e6, null, null, error});
                primitives(f.queryId(), start, done);
            }
        }
    }

    private void primitives(String runId, long start, List<TraceEvent> trace) {
        for (TraceEvent e : trace) {
            files.addPrimitive(new Object[] {runId(runId), app, system, e.nodeId(), e.primitive(), e.engine(),
                (e.enqueueNanos() - start) / 1e6, (e.startNanos() - start) / 1e6, (e.endNanos() - start) / 1e6,
                e.waitNanos() / 1e6, e.serviceNanos() / 1e6, e.batchId(), e.batchSize(), e.tokensIn(), e.tokensOut(),
                e.outcome().name().toLowerCase(Locale.ROOT)});
        }
    }

    private String runId(String queryId) {
        return queryId + "/" + tag;
    }

    private LocalDateTime time(long tickerNanos) {
        long epoch = tickerNanos + offsetNanos;
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(0, epoch), ZoneOffset.UTC);
    }

    /** A run in flight. */
    private static final class Run {
        final long firstNanos;
        final List<TraceEvent> finished = new ArrayList<>();

        Run(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }
}
