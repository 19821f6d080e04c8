// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.Source;
import dev.ayo4j.api.StreamEvent;
import dev.ayo4j.api.StreamListener;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.server.AppService.RunHandle;
import dev.ayo4j.server.AppService.RunRequest;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs as both APIs start, await and stream them: admission through the {@link RunGate}, the question's
 * limit, the per-run deadline, recording in the {@link RunStore}, cancellation when a streaming client
 * goes, and the JSON views of outcomes and traces.
 */
final class Runs {
    /** How often a stream with nothing to say writes a keep-alive, and so notices a client that went. */
    static final Duration KEEP_ALIVE = Duration.ofMillis(500);

    private final Supplier<AppService> service;
    private final RunGate gate;
    private final RunStore store;
    private final Limits limits;
    private final RunStats stats;

    Runs(Supplier<AppService> service, RunGate gate, RunStore store, Limits limits, RunStats stats) {
        this.service = service;
        this.gate = gate;
        this.store = store;
        this.limits = limits;
        this.stats = stats;
    }

    AppService service() {
        return service.get();
    }

    RunStore store() {
        return store;
    }

    Limits limits() {
        return limits;
    }

    /** Admits and starts an optimized run of request {@code req}; its permit returns when it ends. */
    RunHandle start(String app, String question, @Nullable String collection, StreamListener listener,
                    ServerRequest req) {
        return start(app, question, collection, true, listener, req);
    }

    /**
     * Admits and starts a run of request {@code req}, optimized or as lowered ({@code optimize} false); its
     * permit returns when it ends.
     */
    RunHandle start(String app, String question, @Nullable String collection, boolean optimize,
                    StreamListener listener, ServerRequest req) {
        String path = req.path().path();
        if (question.length() > limits.maxQuestionChars()) {
            throw ApiException.tooLarge("question", "the question has " + question.length()
                    + " characters, over the limit of " + limits.maxQuestionChars());
        }
        if (question.isBlank()) {
            throw ApiException.invalid("question", "the question is empty");
        }
        AppService s = service.get();
        s.app(app);
        gate.enter();
        RunHandle h;
        try {
            h = s.start(new RunRequest(app, question, collection, limits.runDeadline(),
                    Http.traceContext(req), optimize), listener);
        } catch (RuntimeException e) {
            gate.leave();
            throw e;
        }
        h.outcome().whenComplete((_, _) -> gate.leave());
        store.started(app, optimize, h, path);
        stats.started(h);
        return h;
    }

    /** Waits for the run's outcome; throws what it failed with. */
    Result await(RunHandle h) {
        try {
            return h.outcome().get(limits.runDeadline().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            h.cancel();
            throw ApiException.timeout();
        } catch (InterruptedException e) {
            h.cancel();
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is stopping", 1);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Answers a plain (not streamed) run: 200 with {@code view} of its result, or the error it failed with,
     * sent here rather than by the error handler so that it goes out while the connection is watched. A
     * client that closes its connection before then cancels the run ({@link ClientWatch}).
     */
    void respond(RunHandle h, ServerRequest req, ServerResponse res, Function<Result, Object> view) {
        try (ClientWatch.Watch _ = ClientWatch.watch(h::cancel)) {
            try {
                Http.send(res, 200, view.apply(await(h)));
            } catch (RuntimeException e) {
                Errors.handle(req, res, e);
            }
        }
    }

    /**
     * Streams run {@code h} as server-sent events on {@code res}, which {@code body} writes; cancels the run if
     * the client goes at any write (the headers, the first event, or any later) or anything else fails
     * before the stream ends, so no run goes on for nobody.
     */
    void stream(RunHandle h, ServerResponse res, Consumer<EventStream> body) {
        try (EventStream out = new EventStream(res)) {
            body.accept(out);
        } catch (EventStream.ClientGoneException gone) {
            h.cancel(); // nobody is left to answer
        } catch (RuntimeException e) {
            h.cancel();
            throw e;
        }
    }

    /**
     * Hands each event of the run to {@code onEvent} on this thread until the run ends, which {@linkplain
     * EventStream#write writes} what it sends: the events are flushed whenever no other event is waiting.
     * Writes keep-alives to {@code out} in between, so that a client that went is noticed (as a {@link
     * EventStream.ClientGoneException}, on which {@link #stream} cancels the run) while the run is quiet.
     */
    void pump(RunHandle h, RunPump pump, EventStream out, Consumer<StreamEvent> onEvent) {
        try {
            while (true) {
                StreamEvent e = pump.poll();
                if (e == null) {
                    out.flush(); // nothing more at hand: send what was written before waiting
                    e = pump.next(KEEP_ALIVE);
                }
                if (e == null) {
                    if (h.outcome().isDone()) {
                        return;
                    }
                    out.keepAlive();
                    continue;
                }
                onEvent.accept(e);
                if (e instanceof StreamEvent.Completed || e instanceof StreamEvent.Failed) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            h.cancel();
            Thread.currentThread().interrupt();
        }
    }

    /** Prompt and completion tokens of the run's calls to the engines {@code llms}. */
    static int[] usage(Result r, Set<String> llms) {
        int prompt = 0;
        int completion = 0;
        for (TraceEvent e : r.trace()) {
            if (llms.contains(e.engine())) {
                prompt += e.tokensIn();
                completion += e.tokensOut();
            }
        }
        return new int[] {prompt, completion};
    }

    /** A run's answer, sources and timings. */
    static ObjectNode outcome(String id, String app, Result o) {
        ObjectNode n = Json.object().put("id", id).put("object", "ayo4j.run").put("app", app)
                .put("status", "succeeded").put("answer", o.answer());
        n.set("sources", sources(o));
        n.set("timings", timings(o.query()));
        return n;
    }

    static ArrayNode sources(Result o) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Source p : o.sources()) {
            a.addObject().put("id", p.id()).put("document", p.document()).put("score", p.score()).put("text", p.text());
        }
        return a;
    }

    static ObjectNode timings(QueryResult r) {
        return Json.object().put("end_to_end_ms", ms(r.endToEndNanos()))
                .put("critical_path_ms", ms(r.criticalPathNanos())).put("lower_bound_ms", ms(r.lowerBoundNanos()))
                .put("bound_ratio", Double.isNaN(r.boundRatio()) ? 0 : r.boundRatio());
    }

    /** A recorded run: its status, and its outcome or error. */
    static ObjectNode entry(RunStore.Entry e) {
        if (e.outcome() != null) {
            return outcome(e.id(), e.app(), e.outcome()).put("optimized", e.optimized());
        }
        ObjectNode n = Json.object().put("id", e.id()).put("object", "ayo4j.run").put("app", e.app())
                .put("status", e.status()).put("optimized", e.optimized());
        if (e.error() != null) {
            n.set("error", Errors.body(e.error()).get("error"));
        }
        return n;
    }

    /**
     * A recorded run in a list: status, whether optimized, when it started, and its timings (while it runs,
     * {@code end_to_end_ms} is the time so far).
     */
    static ObjectNode summary(RunStore.Entry e, long nowMillis) {
        ObjectNode n = Json.object().put("id", e.id()).put("app", e.app()).put("status", e.status())
                .put("optimized", e.optimized()).put("created", java.time.Instant.ofEpochMilli(e.createdMillis()).toString());
        if (e.outcome() != null) {
            QueryResult r = e.outcome().query();
            n.setAll(timings(r));
            n.put("critical_path_ratio", r.criticalPathNanos() > 0 ? Math.round(r.ratio() * 100) / 100.0 : 0);
        } else {
            n.put("end_to_end_ms", (double) ((e.endedMillis() > 0 ? e.endedMillis() : nowMillis) - e.createdMillis()));
        }
        if (e.error() != null) {
            n.set("error", Errors.body(e.error()).get("error"));
        }
        return n;
    }

    /** A recorded run's trace: every primitive's times, the critical path and the lower bound. */
    static ObjectNode trace(RunStore.Entry e) {
        if (e.outcome() == null) {
            throw ApiException.notFound("trace_not_found", "id", "run '" + e.id() + "' is " + e.status()
                    + ": only a succeeded run has a trace");
        }
        QueryResult r = e.outcome().query();
        long origin = r.trace().stream().mapToLong(TraceEvent::enqueueNanos).min().orElse(0);
        ObjectNode n = Json.object().put("id", e.id()).put("app", e.app());
        n.setAll(timings(r));
        ObjectNode busy = n.putObject("engine_busy_ms");
        r.engineBusyNanos().forEach((engine, nanos) -> busy.put(engine, ms(nanos)));
        ArrayNode events = n.putArray("events");
        for (TraceEvent t : r.trace()) {
            events.addObject().put("node", t.nodeId()).put("primitive", t.primitive()).put("engine", t.engine())
                    .put("enqueue_ms", ms(t.enqueueNanos() - origin)).put("start_ms", ms(t.startNanos() - origin))
                    .put("end_ms", ms(t.endNanos() - origin)).put("batch_id", t.batchId())
                    .put("batch_size", t.batchSize()).put("tokens_in", t.tokensIn()).put("tokens_out", t.tokensOut())
                    .put("outcome", t.outcome().name());
        }
        return n;
    }

    /** One primitive event of the run stream, or null for events that are not about a primitive. */
    static @Nullable ObjectNode primitive(StreamEvent e) {
        return switch (e) {
            case StreamEvent.PrimitiveStarted s -> Json.object().put("type", "started").put("node", s.nodeId())
                    .put("primitive", s.primitive()).put("engine", s.engine());
            case StreamEvent.PrimitiveFinished f -> {
                TraceEvent t = f.event();
                yield Json.object().put("type", "finished").put("node", t.nodeId()).put("primitive", t.primitive())
                        .put("engine", t.engine()).put("outcome", t.outcome().name())
                        .put("queue_ms", ms(t.startNanos() - t.enqueueNanos()))
                        .put("service_ms", ms(t.endNanos() - t.startNanos())).put("tokens_in", t.tokensIn())
                        .put("tokens_out", t.tokensOut());
            }
            case StreamEvent.AnswerToken _, StreamEvent.Completed _, StreamEvent.Failed _ -> null;
        };
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
