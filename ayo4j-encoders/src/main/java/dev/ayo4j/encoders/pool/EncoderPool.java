// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Encoder engine over a pool of members — in-process ONNX sessions and remote TEI-compatible servers —
 * that dispatches single texts with a {@link dev.ayo4j.spi.BatchPolicy} through the runtime's dispatch core
 * (see {@link Dispatcher} for the shared and Arlo-binned modes, re-allocation and re-dispatch). Serves
 * {@link Primitive.Embed} (unit vectors) and {@link Primitive.Rerank} (cosine similarity of query and passage
 * vectors, best first).
 *
 * <p><b>Inputs.</b> An empty string is encoded as {@code [CLS] [SEP]} (a fixed, valid vector). A text with a
 * lone UTF-16 surrogate or a control character other than tab, LF and CR is refused with
 * {@link InvalidTextException}, as is a request with no text. A text over the window is truncated to it,
 * or, when the caller passes {@code truncate = false}, refused with {@link TextTooLongException}. Checks
 * run before anything is queued: a refused request queues nothing.
 *
 * <p><b>Back-pressure.</b> At most {@link EncoderPoolBuilder#capacity} texts wait; beyond that {@link #submit} throws
 * {@link OverloadedException} (retriable) at once instead of buffering.
 *
 * <p><b>Threads.</b> Each member has one thread: a platform thread for an in-process session (ONNX Runtime
 * blocks in native code, which would pin a virtual thread's carrier), a virtual thread for a remote one; the
 * dispatcher's owner is a virtual thread. Token counting, also native, runs on a platform thread of the pool
 * whatever thread calls. Thread-safe.
 */
public final class EncoderPool implements Engine {
    private static final System.Logger LOG = System.getLogger(EncoderPool.class.getName());

    /**
     * A snapshot of the pool.
     *
     * @param members       members configured
     * @param live          members up now
     * @param queued        texts waiting
     * @param membersPerBin live members per length bin (one entry in shared mode)
     * @param batches       batches dispatched so far
     * @param usefulTokens  tokens of the texts dispatched
     * @param paddedTokens  tokens computed: rows × longest text, summed over batches
     * @param reallocations re-allocations of members to bins that moved at least one (binned mode; the
     *                      starting split is none)
     * @param memberMoves   members moved to another bin by them
     */
    public record Stats(int members, int live, int queued, List<Integer> membersPerBin, long batches,
                        long usefulTokens, long paddedTokens, long reallocations, long memberMoves) {}

    private final String name;
    private final String model;
    private final int window;
    private final EncoderModel meter;
    private final List<Member> members;
    private final Dispatcher dispatcher;
    private final ExecutorService meterThread;
    private final EngineCapabilities capabilities;

    EncoderPool(String name, List<Member> members, EncoderModel meter, Dispatcher dispatcher) {
        this.name = name;
        this.meter = Objects.requireNonNull(meter, "meter");
        this.model = meter.name();
        this.window = meter.options().maxTokens();
        this.members = List.copyOf(members);
        this.dispatcher = dispatcher;
        this.meterThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name + "-meter").factory());
        this.capabilities = new EngineCapabilities(Set.of(Primitive.Embed.class, Primitive.Rerank.class), 256,
                1 << 20, 64);
        LOG.log(System.Logger.Level.INFO, "encoder pool {0}: {1} member(s) {2}, model {3}, window {4}", name,
                members.size(), members.stream().map(Member::name).toList(), model, window);
    }

    /** A builder for a pool called {@code name}. */
    public static EncoderPoolBuilder builder(String name) {
        return new EncoderPoolBuilder(name);
    }

    @Override
    public String name() {
        return name;
    }

    /** The model whose tokenizer measures texts (and that local members run). */
    public String model() {
        return model;
    }

    /** The window in tokens, special tokens included. */
    public int window() {
        return window;
    }

    public Stats stats() {
        return dispatcher.stats();
    }

    @Override
    public EngineCapabilities capabilities() {
        return capabilities;
    }

    /**
     * Checks {@code texts} and queues them; the future completes with one unit vector per text, in order.
     *
     * @throws InvalidTextException  no text, or a text that is not valid text
     * @throws TextTooLongException  a text over the window with {@code truncate = false}
     * @throws OverloadedException   the queue cannot take them now
     */
    public CompletableFuture<List<float[]>> submit(List<String> texts, boolean truncate) {
        TextCheck.requireText(texts);
        int[] tokens = measure(texts, truncate);
        return dispatcher.enqueue(texts, tokens);
    }

    /** Token counts (after the cut to the window) of {@code texts}, measured on a platform thread. */
    public int[] measure(List<String> texts, boolean truncate) {
        if (!Thread.currentThread().isVirtual()) {
            return measureHere(texts, truncate);
        }
        try {
            return meterThread.submit(() -> measureHere(texts, truncate)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new Ayo4jException("measuring failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ayo4jException("interrupted while measuring texts", e);
        }
    }

    private int[] measureHere(List<String> texts, boolean truncate) {
        int[] tokens = new int[texts.size()];
        for (int i = 0; i < tokens.length; i++) {
            EncoderModel.Measure m = meter.measure(texts.get(i));
            if (m.overflowed() && !truncate) {
                throw new TextTooLongException(i, window, model);
            }
            tokens[i] = m.tokens();
        }
        return tokens;
    }

    /** {@link #submit} and wait; failures are thrown as they are (an {@link Ayo4jException} subclass). */
    public List<float[]> embed(List<String> texts, boolean truncate) {
        return await(submit(texts, truncate));
    }

    /** Cosine similarity of {@code query} and each text, in text order. */
    public double[] similarity(String query, List<String> texts, boolean truncate) {
        List<String> all = new ArrayList<>(texts.size() + 1);
        all.add(query);
        all.addAll(texts);
        return cosines(embed(all, truncate));
    }

    /** The cosine of the first unit vector with each of the others, in order. */
    public static double[] cosines(List<float[]> queryThenTexts) {
        float[] a = queryThenTexts.getFirst();
        double[] scores = new double[queryThenTexts.size() - 1];
        for (int i = 0; i < scores.length; i++) {
            float[] b = queryThenTexts.get(i + 1);
            double s = 0;
            for (int d = 0; d < a.length; d++) {
                s += (double) a[d] * b[d];
            }
            scores[i] = s;
        }
        return scores;
    }

    /** Most texts that may wait at once ({@link EncoderPoolBuilder#capacity}). */
    public int capacity() {
        return dispatcher.capacity();
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        // Queue every task first so the pool sees the whole batch, then wait.
        List<Object> pending = new ArrayList<>(batch.size());
        for (Task task : batch.tasks()) {
            try {
                pending.add(switch (task.op()) {
                    case Primitive.Embed _ -> submit(task.input(Primitive.Embed.TEXTS), true);
                    case Primitive.Rerank _ -> {
                        List<Passage> passages = task.input(Primitive.Rerank.PASSAGES);
                        List<String> texts = new ArrayList<>();
                        texts.add(task.input(Primitive.Rerank.QUERY));
                        passages.forEach(p -> texts.add(p.text()));
                        yield submit(texts, true);
                    }
                    default -> throw new NonRetriableEngineException("encoder pool " + name + " serves Embed and Rerank, not "
                            + task.op().kindName() + " (task " + task.id() + ")");
                });
            } catch (RuntimeException e) {
                pending.add(TaskResult.failure(e));
            }
        }
        List<TaskResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (pending.get(i) instanceof TaskResult failed) {
                results.add(failed);
                continue;
            }
            @SuppressWarnings("unchecked")
            CompletableFuture<List<float[]>> f = (CompletableFuture<List<float[]>>) pending.get(i);
            Task task = batch.tasks().get(i);
            try {
                List<float[]> vectors = await(f);
                results.add(task.op() instanceof Primitive.Rerank(var _, var _, int topK, var _, var _)
                        ? TaskResult.success(ranked(task.input(Primitive.Rerank.PASSAGES), vectors, topK))
                        : TaskResult.success(vectors));
            } catch (RuntimeException e) {
                results.add(TaskResult.failure(e));
            }
        }
        return results;
    }

    private static List<Passage> ranked(List<Passage> passages, List<float[]> vectors, int topK) {
        float[] q = vectors.getFirst();
        List<Passage> scored = new ArrayList<>(passages.size());
        for (int k = 0; k < passages.size(); k++) {
            float[] p = vectors.get(k + 1);
            double s = 0;
            for (int d = 0; d < q.length; d++) {
                s += (double) q[d] * p[d];
            }
            scored.add(passages.get(k).withScore(s));
        }
        return scored.stream().sorted(Passage.BEST_FIRST).limit(topK).toList();
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new Ayo4jException("encoding failed", e.getCause());
        } catch (CancellationException e) {
            throw new Ayo4jException("encoding was cancelled", e);
        }
    }

    @Override
    public void close() {
        if (dispatcher.closed()) {
            return;
        }
        dispatcher.close();
        members.forEach(Member::close);
        meterThread.shutdownNow();
    }
}
