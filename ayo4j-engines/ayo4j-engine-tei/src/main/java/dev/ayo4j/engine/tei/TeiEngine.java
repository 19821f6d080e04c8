// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.tei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.engine.trace.TraceHeaders;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchFanout;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.TraceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A remote encoder speaking Hugging Face TEI's HTTP API (a TEI server, or {@code ayo4j serve encoder}):
 * {@code Embed} through {@code POST /embed} (one request for every text of a batch, truncated to the
 * model's window and normalised) and {@code Rerank} through {@code POST /rerank}, on
 * {@link java.net.http.HttpClient}. A refused connection, a timeout, a 429 or a 5xx is a
 * {@link RetriableEngineException}; another status fails the task naming the server's answer.
 */
final class TeiEngine extends AbstractEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;
    /** The server's {@code model_id} from {@code GET /info}, read once it is ready; null until then or if it says none. */
    private volatile @Nullable String model;

    TeiEngine(String name, URI base, TeiRole role, Duration timeout, int maxBatch, int maxBatchTokens,
              int maxConcurrency) {
        super(name, new EngineCapabilities(switch (role) {
            case EMBED -> Set.of(Primitive.Embed.class);
            case RERANK -> Set.of(Primitive.Rerank.class);
        }, maxBatch, maxBatchTokens, maxConcurrency));
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Every request carries the {@code traceparent} of its (first) task. */
    @Override
    public boolean sendsTraceContext() {
        return true;
    }

    /** Provider {@code tei}, model the server's {@code model_id} (its engine name until it is known). */
    @Override
    public EngineDescription description() {
        String m = model;
        return new EngineDescription("tei", m != null ? m : name());
    }

    /** The server's base URL. */
    URI base() {
        return base;
    }

    @Override
    public void awaitReady(Duration wait) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(wait).GET().build();
        try {
            int status = HttpClient.newBuilder().connectTimeout(wait).build()
                    .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new RetriableEngineException(String.format("engine %s: the encoder server at %s is not "
                        + "ready (GET /health answered %d)", name(), base, status));
            }
            model = modelId(wait);
        } catch (IOException e) {
            throw new RetriableEngineException(String.format("engine %s: cannot reach the encoder server at %s "
                    + "within %s: %s", name(), base, wait, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableEngineException("engine " + name() + ": interrupted while reaching " + base, e);
        }
    }

    /**
     * The {@code model_id} of the server's {@code GET /info} (TEI's and {@code ayo4j serve encoder}'s), or null
     * where it has no such endpoint or field: the name is for metrics and spans, so its absence is no error.
     */
    private @Nullable String modelId(Duration wait) throws IOException, InterruptedException {
        HttpResponse<String> info = client.send(HttpRequest.newBuilder(base.resolve("/info")).timeout(wait).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (info.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(info.body()).path("model_id");
            return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        List<Task> embeds = new ArrayList<>();
        for (Task t : batch.tasks()) {
            if (t.op() instanceof Primitive.Embed) {
                embeds.add(t);
            }
        }
        Map<Task, TaskResult> embedded = embeds.isEmpty() ? Map.of() : embedAll(embeds);
        return BatchFanout.runEach(batch, Thread.ofVirtual().factory(), t -> switch (t.op()) {
            case Primitive.Embed _ -> embedded.get(t);
            case Primitive.Rerank r -> rerank(t, r.topK());
            default -> TaskResult.failure(notServed(t,
                    String.valueOf(capabilities().primitives().stream().map(Class::getSimpleName).sorted().toList())));
        });
    }

    /** One {@code /embed} request for every text of the batch's embed tasks, split back per task. */
    private Map<Task, TaskResult> embedAll(List<Task> tasks) {
        List<String> all = new ArrayList<>();
        for (Task t : tasks) {
            all.addAll(t.input(Primitive.Embed.TEXTS));
        }
        Map<Task, TaskResult> out = new LinkedHashMap<>();
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("inputs", all);
            body.put("truncate", true);
            body.put("normalize", true);
            // One request for tasks of possibly several runs: it carries the first task's trace context.
            JsonNode tree = post("/embed", body, tasks.getFirst().trace());
            if (!tree.isArray() || tree.size() != all.size()) {
                throw new NonRetriableEngineException(String.format("engine %s: %s/embed sent %d vectors for %d texts",
                        name(), base, tree.size(), all.size()));
            }
            int at = 0;
            for (Task t : tasks) {
                int n = t.input(Primitive.Embed.TEXTS).size();
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    JsonNode row = tree.get(at++);
                    float[] v = new float[row.size()];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = (float) row.get(d).asDouble();
                    }
                    vectors.add(v);
                }
                out.put(t, TaskResult.success(vectors));
            }
        } catch (EngineException e) {
            tasks.forEach(t -> out.put(t, TaskResult.failure(e)));
        }
        return out;
    }

    private TaskResult rerank(Task task, int topK) {
        try {
            List<Passage> passages = task.input(Primitive.Rerank.PASSAGES);
            if (passages.isEmpty()) {
                return TaskResult.success(List.of()); // e.g. a branch whose candidates earlier branches all had
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", task.input(Primitive.Rerank.QUERY));
            body.put("texts", passages.stream().map(Passage::text).toList());
            body.put("truncate", true);
            JsonNode tree = post("/rerank", body, task.trace());
            List<Passage> scored = new ArrayList<>(passages.size());
            for (JsonNode row : tree) {
                int i = row.path("index").asInt(-1);
                if (i < 0 || i >= passages.size()) {
                    throw new NonRetriableEngineException(String.format("engine %s: %s/rerank named passage %d of %d",
                            name(), base, i, passages.size()));
                }
                scored.add(passages.get(i).withScore(row.path("score").asDouble()));
            }
            return TaskResult.success(scored.stream().sorted(Passage.BEST_FIRST).limit(topK).toList());
        } catch (EngineException e) {
            return TaskResult.failure(e);
        }
    }

    private JsonNode post(String path, Object body, TraceContext trace) {
        HttpResponse<byte[]> response;
        URI uri = base.resolve(path);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            // The run's trace (else the calling thread's), so that the server's spans join it.
            TraceHeaders.inject(trace, b);
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RetriableEngineException(String.format("engine %s: %s failed: %s", name(), uri, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableEngineException("engine " + name() + ": interrupted calling " + uri, e);
        }
        int status = response.statusCode();
        JsonNode tree;
        try {
            tree = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RetriableEngineException(String.format("engine %s: %s answered %d with malformed JSON", name(),
                    uri, status), e);
        }
        if (status == 429 || status >= 500) {
            throw new RetriableEngineException(String.format("engine %s: %s answered %d: %s", name(), uri, status,
                    tree.path("error").asText(tree.toString())));
        }
        if (status != 200) {
            throw new NonRetriableEngineException(String.format("engine %s: %s refused the request (%d): %s", name(),
                    uri, status, tree.path("error").asText(tree.toString())));
        }
        return tree;
    }

    @Override
    public void close() {
        client.close();
    }
}
