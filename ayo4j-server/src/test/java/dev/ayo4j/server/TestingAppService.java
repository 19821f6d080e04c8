// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.DeadlineExceededException;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.StreamListener;
import dev.ayo4j.encoders.server.EncoderProtocol;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link AppService} for tests of admission, cancellation and shutdown: app {@code slow}
 * runs until the test ends it ({@link #finishAll()}), so the test decides when capacity frees up. It runs
 * nothing on an engine: each run holds one primitive in {@link #queued}, a stand-in for a slow engine's
 * queue, until it ends or is cancelled.
 */
final class TestingAppService implements AppService {
    final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    final List<CompletableFuture<Result>> runs = new CopyOnWriteArrayList<>();
    /** If set, each run's start waits for it after the run is queued, so a test can act before any response. */
    volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch holdStart;
    /** The ids of the runs whose primitive waits in the engine queue. */
    final Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public List<AppInfo> apps() {
        return List.of(new AppInfo("slow", List.of("question"), List.of("answer"), null, Set.of("llm")));
    }

    @Override
    public AppInfo app(String name) {
        if (!name.equals("slow")) {
            throw ApiException.notFound("model_not_found", "model", "unknown app '" + name + "'");
        }
        return apps().getFirst();
    }

    @Override
    public String explain(String app) {
        return app(app).name();
    }

    @Override
    public RunHandle start(RunRequest request, StreamListener listener) {
        app(request.app());
        int n = ids.incrementAndGet();
        CompletableFuture<Result> f = new CompletableFuture<>();
        queued.add("run-" + n);
        f.whenComplete((_, _) -> queued.remove("run-" + n));
        runs.add(f);
        started.incrementAndGet(); // after the queue holds the run, which a test reads once it has started
        java.util.concurrent.CountDownLatch hold = holdStart;
        if (hold != null) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new RunHandle() {
            @Override
            public String id() {
                return "run-" + n;
            }

            @Override
            public CompletableFuture<Result> outcome() {
                return f;
            }

            @Override
            public void cancel() {
                if (f.cancel(true)) {
                    cancelled.incrementAndGet();
                }
            }
        };
    }

    /** Ends every run still going, as a run past its deadline ends. */
    void finishAll() {
        runs.forEach(f -> f.completeExceptionally(new DeadlineExceededException("test deadline")));
    }

    /** The documents ingested, by collection and id: one passage each; ingesting an id again replaces it. */
    final java.util.Map<String, java.util.Map<String, String>> documents = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public IngestReport ingest(String collection, List<Upload> uploads) {
        java.util.Map<String, String> c = documents.computeIfAbsent(collection,
                _ -> new java.util.concurrent.ConcurrentSkipListMap<>());
        uploads.forEach(u -> c.put(u.id(), u.text()));
        return new IngestReport(uploads.size(), uploads.size());
    }

    @Override
    public int delete(String collection, String id) {
        return 0;
    }

    @Override
    public List<CollectionInfo> collections() {
        return List.of();
    }

    @Override
    public Optional<EncoderProtocol> encoders() {
        return Optional.empty();
    }

    @Override
    public List<EngineLoad> engineLoads() {
        return List.of();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
