package dev.ayo4j.server;

import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the server serves: prepared apps that run questions, collections that hold documents, and the
 * encoders, behind one narrow contract so that the HTTP layer never sees planner, graphs or engines.
 * Its one implementation today runs the built-in apps on the embedded engines; swapping in another
 * entry point is one class.
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
     * block). The handle's future completes with the outcome or fails with the run's exception;
     * cancelling the handle withdraws the run's queued primitives.
     *
     * @throws ApiException for an unknown app or a collection with no documents, before anything runs
     */
    RunHandle start(RunRequest request, RunListener listener);

    /**
     * Chunks {@code documents} and ingests them into {@code collection} (created if missing), durably:
     * when this returns, they survive a crash. Idempotent by document id: passages are replaced by id.
     */
    IngestReport ingest(String collection, List<Upload> documents, Duration deadline);

    /** Deletes document {@code id}'s passages from {@code collection}; returns how many there were. */
    int delete(String collection, String id);

    /** The collections with their passage counts, sorted by name. */
    List<CollectionInfo> collections();

    /** The encoders' TEI and OpenAI embedding protocols, when this service has encoders to offer. */
    Optional<EncoderProtocol> encoders();

    /** Closes the engines; in-flight runs fail. */
    @Override
    void close();

    /**
     * An app as clients see it.
     *
     * @param name         what clients call it (OpenAI's {@code model})
     * @param description  one sentence
     * @param collection   the collection it searches by default; null if it searches none
     * @param answerModule the module whose decoded tokens are the answer (its node ids start with it)
     * @param llm          the engine whose calls count as tokens in {@code usage}
     */
    record AppInfo(String name, String description, @Nullable String collection, String answerModule,
                   String llm) {
        public AppInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(answerModule, "answerModule");
            Objects.requireNonNull(llm, "llm");
        }
    }

    /**
     * One question for one app.
     *
     * @param app        the app's name
     * @param question   the question
     * @param collection the collection to search instead of the app's own; null for the app's
     * @param deadline   how long the run may take before it fails
     */
    record RunRequest(String app, String question, @Nullable String collection, Duration deadline) {
        public RunRequest {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** A started run. */
    interface RunHandle {
        /** The run's id, unique in this server's life. */
        String id();

        /** Completes with the outcome, or fails with why the run failed. */
        CompletableFuture<RunOutcome> outcome();

        /** Cancels the run if it is still going; a no-op otherwise. */
        void cancel();
    }

    /**
     * What a successful run produced.
     *
     * @param answer  the answer text
     * @param sources the passages the answer was given, best first; empty for an app without retrieval
     * @param result  the runtime's result: trace, critical path, lower bound
     */
    record RunOutcome(String answer, List<Passage> sources, QueryResult result) {
        public RunOutcome {
            Objects.requireNonNull(answer, "answer");
            sources = List.copyOf(sources);
            Objects.requireNonNull(result, "result");
        }
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

    /** What an ingest stored: documents and the passages they were cut into. */
    record IngestReport(int documents, int passages) {}

    /** A collection and its live passages. */
    record CollectionInfo(String name, int passages) {}
}
