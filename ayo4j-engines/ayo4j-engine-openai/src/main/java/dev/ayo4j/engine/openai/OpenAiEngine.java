// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.Checks;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.trace.TraceHeaders;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchFanout;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * LLM engine that sends {@link Primitive.Prefill} and {@link Primitive.PartialPrefill} to any
 * OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama) over HTTP.
 *
 * <ul>
 *   <li><b>Prefill</b>: sends the rendered prompt ({@code TaskInputs.PROMPT}) as a streamed request with
 *       {@code max_tokens} from the primitive, temperature 0 and a fixed seed; publishes a
 *       {@link GenerationStream} through {@link Task#publish()} at once, feeds it the streamed text, and
 *       returns it once the first token arrived, i.e. the prompt is prefilled (or the stream ended).
 *       {@code JsonList(n)} outputs are constrained as {@link StructuredOutput} says. Cancelling the
 *       generation aborts the HTTP request.</li>
 *   <li><b>PartialPrefill</b>: sends the rendered prefix with {@code max_tokens: 1}, not streamed, so a
 *       server with prefix caching keeps it (reference-ayo §7.2), and returns {@link Signal#done} on a
 *       2xx answer. Any failure yields {@link Signal#failed}, not a task failure: the full prompt is
 *       then simply prefilled as usual. Chained warm-ups (progressive prefill: each step the previous
 *       prefix plus a few passages) work the same way, each step extending the cached prefix; a server
 *       whose prefix cache works in blocks (vLLM: 16 tokens) recomputes the last partial block of each
 *       step.</li>
 * </ul>
 *
 * <p><b>Prompt caching.</b> The prompt is the rendered template as the planner laid it out, the same text
 * the in-process engine gets: static instructions first, then the question, then the retrieved context,
 * so a server with prefix caching (vLLM's automatic prefix caching, SGLang's radix cache, llama.cpp
 * server's slots with {@code cache_prompt}) finds a template's instructions cached across queries. With
 * {@link Builder#cachePrompt(boolean)} requests carry llama.cpp server's {@code cache_prompt: true}.
 * {@link #prefillCounts()} counts each request's prompt tokens and the tokens the server says it
 * prefilled ({@code PromptUsage}: {@code usage.prompt_tokens_details.cached_tokens} or llama.cpp's
 * {@code timings.prompt_n}); a request whose answer says neither counts as unreported.
 *
 * <p>Each task is its own request and the server batches concurrent requests itself, so
 * {@link EngineCapabilities#maxBatchSize()} is 1 and {@link EngineCapabilities#maxConcurrency()} is the
 * builder's. Failures are {@code RetriableEngineException}s (refused connection, timeout, 429, 5xx, a
 * broken stream) or {@code NonRetriableEngineException}s (other 4xx, a malformed stream, bad input),
 * with messages naming the endpoint, status and the server's error text; a failing task does not fail
 * its batch-mates. Thread-safe.
 */
public final class OpenAiEngine extends AbstractEngine implements PrefillCounter {
    private static final System.Logger LOG = System.getLogger(OpenAiEngine.class.getName());
    /** Longest wait for a TCP connection, whatever the request timeout. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiOptions options;
    private final RequestBodies bodies;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final URI endpoint;
    private final Set<StreamingRequest> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<PrefillCounts> counts = new AtomicReference<>(PrefillCounts.NONE);

    private OpenAiEngine(OpenAiOptions options) {
        super(options.name(), new EngineCapabilities(Set.of(Primitive.Prefill.class, Primitive.PartialPrefill.class),
                1, Integer.MAX_VALUE, options.maxConcurrency()));
        this.options = options;
        this.bodies = new RequestBodies(options);
        this.endpoint = options.endpoint(options.api());
        Duration connect = options.requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? options.requestTimeout() : MAX_CONNECT_TIMEOUT;
        // HTTP/1.1: OpenAI-compatible servers speak it, and it avoids an h2c upgrade attempt on plain http.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect)
                .executor(httpExecutor).build();
        LOG.log(Level.INFO, "openai engine {0}: {1} model {2} via {3}, structured output {4}, priority {5}, "
                        + "cache_prompt {6}, up to {7} requests at once", options.name(), endpoint, options.model(),
                options.api(), options.structuredOutput(), options.sendPriority() ? "sent" : "not sent",
                options.cachePrompt(), options.maxConcurrency());
    }

    /** A builder; {@link Builder#baseUrl(String)} and {@link Builder#model(String)} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Provider {@code openai} (the API it speaks), model the one its requests ask for. */
    @Override
    public EngineDescription description() {
        return new EngineDescription("openai", options.model());
    }

    /** Every request carries its task's {@code traceparent}. */
    @Override
    public boolean sendsTraceContext() {
        return true;
    }

    /** The settings this engine was built with. */
    public OpenAiOptions options() {
        return options;
    }

    /**
     * Prompt tokens sent and prefilled since this engine was built, as the server reported them (see the
     * class comment); a generation counts once its stream has ended, a warm-up once answered.
     */
    @Override
    public PrefillCounts prefillCounts() {
        return counts.get();
    }

    private void count(PrefillCounts request) {
        counts.accumulateAndGet(request, PrefillCounts::plus);
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        if (closed.get()) {
            throw closedError();
        }
        return BatchFanout.runEach(batch, Thread.ofVirtual().name("openai-task-", 0).factory(), this::run);
    }

    private TaskResult run(Task task) {
        if (closed.get()) {
            return TaskResult.failure(closedError());
        }
        try {
            return switch (task.op()) {
                case Primitive.Prefill p -> prefill(task, p);
                case Primitive.PartialPrefill p -> warmUp(task, p);
                default -> TaskResult.failure(new NonRetriableEngineException(String.format(
                        "engine %s (openai) does not serve %s (task %s)", name(), task.op().kindName(), task.id())));
            };
        } catch (RuntimeException e) {
            return failed(task, e);
        }
    }

    private TaskResult prefill(Task task, Primitive.Prefill p) {
        String prompt = TaskInputs.prompt(task);
        HttpRequest request = request(task, bodies.generation(task, prompt, p.format(), p.maxTokens()), true);
        GenerationStream stream = new GenerationStream();
        StreamingRequest call = new StreamingRequest(client, request, options.api(), options.requestTimeout(), json,
                stream, usage -> count(usage.counts(stream.promptTokens())));
        stream.onCancel(call::cancel);
        task.publish().accept(stream);
        running.add(call);
        stream.text().whenComplete((_, _) -> {
            running.remove(call);
            if (stream.prefilled().isDone() && !stream.prefilled().isCompletedExceptionally()) {
                call.reportUsage(); // a prefilled generation cancelled or broken before its end
            }
        });
        if (closed.get()) {
            // close() may have missed this call; fail it here instead of leaving it running.
            running.remove(call);
            stream.fail(closedError());
        } else {
            LOG.log(Level.DEBUG, "task {0}: streaming {1} prompt chars to {2}", task.id(), prompt.length(), endpoint);
            try {
                call.start();
            } catch (RuntimeException e) {
                // The stream is published already: end it, or its readers would wait forever.
                stream.fail(new NonRetriableEngineException(String.format(
                        "task %s: could not send the request to %s: %s", task.id(), endpoint, e), e));
            }
        }
        try {
            stream.prefilled().join();
        } catch (CompletionException e) {
            return TaskResult.failure(e.getCause());
        }
        return TaskResult.success(stream, stream.promptTokens(), 0);
    }

    private TaskResult warmUp(Task task, Primitive.PartialPrefill p) {
        String prefix = TaskInputs.prompt(task);
        HttpRequest request = request(task, bodies.warmUp(task, prefix), false);
        HttpResponse<String> answer;
        try {
            answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return warmUpFailed(task, ServerErrors.forIo(endpoint, options.requestTimeout(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return warmUpFailed(task, new EngineException("interrupted while warming up at " + endpoint, e));
        }
        if (answer.statusCode() / 100 != 2) {
            return warmUpFailed(task, ServerErrors.forStatus(endpoint, answer.statusCode(), answer.body()));
        }
        PromptUsage usage = usage(answer.body());
        count(usage.counts(0));
        int tokens = usage.promptTokens();
        String detail = tokens > 0
                ? String.format("warmed a prefix of %d tokens at %s", tokens, endpoint)
                : String.format("warmed a prefix of %d chars at %s", prefix.length(), endpoint);
        return TaskResult.success(Signal.done(detail), Math.max(tokens, 0), 1);
    }

    private TaskResult warmUpFailed(Task task, EngineException cause) {
        LOG.log(Level.WARNING, "warm-up of task {0} failed, the full prompt will be prefilled: {1}", task.id(),
                cause.getMessage());
        return TaskResult.success(Signal.failed("warm-up failed: " + cause.getMessage()));
    }

    /** The prompt usage of a non-streamed answer; none if it is not JSON. */
    private PromptUsage usage(String body) {
        try {
            JsonNode root = json.readTree(body);
            return root == null ? PromptUsage.NONE : PromptUsage.of(root);
        } catch (JsonProcessingException e) {
            return PromptUsage.NONE;
        }
    }

    private HttpRequest request(Task task, ObjectNode body, boolean streamed) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", streamed ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (options.apiKey() != null) {
            b.header("Authorization", "Bearer " + options.apiKey());
        }
        // The trace of the task's run, else the calling thread's, so that the server's spans join it (vLLM and
        // SGLang read traceparent).
        TraceHeaders.inject(task.trace(), b);
        return b.build();
    }

    /**
     * Fails the generations still streaming (their requests are aborted), then releases the HTTP
     * client; idempotent. Tasks executed afterwards fail.
     */
    /**
     * Reaches the server within {@code timeout} with {@code GET .../models}: any HTTP answer counts (the
     * server is up); a refused connection or a timeout throws naming the endpoint.
     */
    @Override
    public void awaitReady(java.time.Duration timeout) {
        URI models = URI.create(endpoint.toString().replaceFirst("/(chat/)?completions$", "/models"));
        try {
            HttpClient.newBuilder().connectTimeout(timeout).build().send(HttpRequest.newBuilder(models)
                    .timeout(timeout).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new dev.ayo4j.RetriableEngineException(String.format("engine %s: cannot reach the "
                    + "OpenAI-compatible server at %s within %s: %s", options.name(), endpoint, timeout, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.ayo4j.RetriableEngineException("engine " + options.name() + ": interrupted while reaching "
                    + endpoint, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (StreamingRequest call : List.copyOf(running)) {
            call.abort(new NonRetriableEngineException("engine " + name() + " closed during the generation"));
        }
        running.clear();
        client.shutdownNow();
        httpExecutor.shutdownNow();
        LOG.log(Level.DEBUG, "openai engine {0} closed", name());
    }

    /**
     * Validating builder of an {@link OpenAiEngine}; defaults are the {@code DEFAULT_} constants of
     * {@link OpenAiOptions}. {@link #build()} checks every value and the combinations.
     */
    public static final class Builder {
        private String name = OpenAiOptions.DEFAULT_NAME;
        private @Nullable String baseUrl;
        private @Nullable String model;
        private @Nullable String apiKey;
        private Duration requestTimeout = OpenAiOptions.DEFAULT_REQUEST_TIMEOUT;
        private int maxConcurrency = OpenAiOptions.DEFAULT_MAX_CONCURRENCY;
        private OpenAiApi api = OpenAiApi.COMPLETIONS;
        private StructuredOutput structuredOutput = StructuredOutput.RESPONSE_FORMAT;
        private boolean sendPriority;
        private @Nullable RequestPriority priority;
        private boolean cachePrompt;
        private long seed = OpenAiOptions.DEFAULT_SEED;

        private Builder() {}

        /** Engine name primitives address it by; default {@value OpenAiOptions#DEFAULT_NAME}. */
        public Builder name(String v) { name = Objects.requireNonNull(v, "name"); return this; }

        /** The server's API root, e.g. {@code http://127.0.0.1:8000/v1} (vLLM) or {@code http://127.0.0.1:11434/v1} (Ollama). */
        public Builder baseUrl(String v) { baseUrl = Objects.requireNonNull(v, "baseUrl"); return this; }

        /** Model name sent with every request, as the server lists it under {@code /v1/models}. */
        public Builder model(String v) { model = Objects.requireNonNull(v, "model"); return this; }

        /** Bearer token; none by default (local servers need none). */
        public Builder apiKey(String v) { apiKey = Objects.requireNonNull(v, "apiKey"); return this; }

        /**
         * Longest wait for an answer to start (status and headers; a streamed answer starts before its
         * first token); default 60 s. A stream that stalls later is ended by cancelling its generation.
         */
        public Builder requestTimeout(Duration v) { requestTimeout = Objects.requireNonNull(v, "requestTimeout"); return this; }

        /** Most requests in flight at once; default {@value OpenAiOptions#DEFAULT_MAX_CONCURRENCY}. */
        public Builder maxConcurrency(int v) { maxConcurrency = v; return this; }

        /** Completions (default, exact prompt text) or chat; see {@link OpenAiApi}. */
        public Builder api(OpenAiApi v) { api = Objects.requireNonNull(v, "api"); return this; }

        /** How {@code JsonList} outputs are constrained; default {@link StructuredOutput#RESPONSE_FORMAT}. */
        public Builder structuredOutput(StructuredOutput v) { structuredOutput = Objects.requireNonNull(v, "structuredOutput"); return this; }

        /**
         * Send an integer {@code priority} (vLLM {@code --scheduling-policy priority}, lower runs earlier); off by
         * default. Turn it on only for such a server: vLLM without that policy rejects a non-zero priority.
         */
        public Builder sendPriority(boolean v) { sendPriority = v; return this; }

        /** How the priority is computed; default {@link RequestPriority#byPrimitive()}. Needs {@code sendPriority(true)}. */
        public Builder priority(RequestPriority v) { priority = Objects.requireNonNull(v, "priority"); return this; }

        /** Send llama.cpp server's {@code cache_prompt: true}, which it needs to reuse a warm prefix; off by default. */
        public Builder cachePrompt(boolean v) { cachePrompt = v; return this; }

        /** Sampling seed sent with every request; default {@value OpenAiOptions#DEFAULT_SEED}. */
        public Builder seed(long v) { seed = v; return this; }

        /** Checks the settings and makes the engine; opening sends no request. */
        public OpenAiEngine build() {
            Checks.state(baseUrl != null, "a baseUrl is required, e.g. http://127.0.0.1:8000/v1");
            Checks.state(model != null, "a model name is required");
            Checks.state(priority == null || sendPriority,
                    "a priority function is set but sendPriority is off, so it would never be used");
            URI url;
            try {
                url = URI.create(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format("baseUrl is not a URL: %s", baseUrl), e);
            }
            return new OpenAiEngine(new OpenAiOptions(name, url, model, apiKey, requestTimeout, maxConcurrency, api,
                    structuredOutput, sendPriority, priority != null ? priority : RequestPriority.byPrimitive(),
                    cachePrompt, seed));
        }
    }
}
