// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.api.Result;
import dev.ayo4j.api.StreamListener;
import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.spi.EngineDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the server serves: prepared apps that run questions, collections that hold documents, and the
 * encoders, behind one narrow contract so that the HTTP layer never sees planner, graphs or engines.
 * Its implementation stands on the {@code Ayo4j} entry point ({@link AppServices#of}); tests of
 * admission and shutdown give the server a hand-written fake instead.
 *
 * <p>Threading: every method is thread-safe and may be called from many request threads at once.
 * {@link #start} returns at once; the other methods block until done. Errors are unchecked: {@link
 * ApiException} for what the client got wrong (an unknown app or collection), the runtime's {@code
 * Ayo4jException} subtypes for what went wrong while running (the server maps both in one place).
 */
public interface AppService extends AutoCloseable {
    /** The apps, in a stable order. */
    List<AppInfo> apps();

    /**
     * The app called {@code name}.
     *
     * @throws ApiException 404 if there is none
     */
    AppInfo app(String name);

    /** The app's primitive graph before and after each optimization pass, as stable text. */
    String explain(String app);

    /**
     * Starts one run of {@code request}; {@code listener} hears its events as they happen (it must not
     * block). The handle's future completes with the result or fails with the run's exception;
     * cancelling the handle withdraws the run's queued primitives.
     *
     * @throws ApiException for an unknown app or a collection with no documents, before anything runs
     */
    RunHandle start(RunRequest request, StreamListener listener);

    /**
     * Chunks {@code documents} and ingests them into {@code collection} (created if missing), durably:
     * when this returns, they survive a crash. Idempotent by document id: a document ingested again
     * replaces its passages.
     */
    IngestReport ingest(String collection, List<Upload> documents);

    /** Deletes document {@code id}'s passages from {@code collection}; returns how many there were. */
    int delete(String collection, String id);

    /** The collections with their passage counts, sorted by name. */
    List<CollectionInfo> collections();

    /** The encoders' TEI and OpenAI embedding protocols, when this service has encoders to offer. */
    Optional<EncoderProtocol> encoders();

    /** What each engine's scheduler is doing now, sorted by engine name; never waits on an engine. */
    List<EngineLoad> engineLoads();

    /** Closes the engines; in-flight runs fail. */
    @Override
    void close();

    /**
     * An app as clients see it.
     *
     * @param name       what clients call it (OpenAI's {@code model})
     * @param inputs     the names of the values a run supplies
     * @param outputs    the names of the values a run returns
     * @param collection the collection it searches when a run names none; null if it searches none
     * @param llms       the engines whose calls count as tokens in {@code usage}
     */
    record AppInfo(String name, List<String> inputs, List<String> outputs, @Nullable String collection,
                   Set<String> llms) {
        public AppInfo {
            Objects.requireNonNull(name, "name");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            llms = Set.copyOf(llms);
        }
    }

    /**
     * One question for one app.
     *
     * @param app        the app's name
     * @param question   the question
     * @param collection the collection to search instead of the app's own; null for the app's
     * @param deadline   how long the run may take before it fails
     * @param traceContext the request's W3C trace-context headers ({@code traceparent}, {@code tracestate}),
     *                   by lower-case name; empty when it sent none
     * @param optimize   whether the app's graph is optimized; false runs it as lowered, with no pass (the
     *                   unoptimized baseline)
     */
    record RunRequest(String app, String question, @Nullable String collection, Duration deadline,
                      Map<String, String> traceContext, boolean optimize) {
        public RunRequest {
            traceContext = Map.copyOf(traceContext);
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** A started run. */
    interface RunHandle {
        /** The run's id, unique in this server's life. */
        String id();

        /** Completes with the result, or fails with why the run failed. */
        CompletableFuture<Result> outcome();

        /** Cancels the run if it is still going; a no-op otherwise. */
        void cancel();
    }

    /**
     * One document to ingest.
     *
     * @param id   its id: the source its passages cite, and the prefix of their ids ({@code <id>#<n>})
     * @param text its text
     */
    record Upload(String id, String text) {
        public Upload {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One engine's scheduler now.
     *
     * @param name           the engine
     * @param description    what it serves: provider and model ({@code Engine.description()})
     * @param maxConcurrency most calls in flight at once, as it declares (a llama.cpp engine: its slots)
     * @param queued         tasks waiting in its queue
     * @param batches        batches executing on it
     * @param tasks          tasks in those batches (the in-flight batch size)
     * @param busyNanos      time with at least one batch executing since it started, on {@code atNanos}' clock
     * @param atNanos        when this was read, on the runtime's ticker
     */
    record EngineLoad(String name, EngineDescription description, int maxConcurrency, int queued, int batches,
                      int tasks, long busyNanos, long atNanos) {
        public EngineLoad {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /** What an ingest stored: documents and the passages they were cut into. */
    record IngestReport(int documents, int passages) {}

    /** A collection and its live passages. */
    record CollectionInfo(String name, int passages) {}
}
