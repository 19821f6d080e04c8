// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rerank engine serving {@link Primitive.Rerank}: input ports {@code query} ({@code String}) and
 * {@code passages} ({@code List<Passage>}); output {@code passages}, the best
 * {@link Primitive.Rerank#topK()} with their new scores, sorted {@link Passage#BEST_FIRST}.
 *
 * <p>Two scorers:
 * <ul>
 *   <li>{@link #similarity} (the default): cosine similarity between the query's and each passage's
 *       vector from a bi-encoder, by default the bundled {@link BundledEncoder#BGE_SMALL_EN_V15}, which
 *       is stronger than the default embedder. Scores lie in [-1, 1]. All texts of all tasks of a batch
 *       are embedded in one length-aware call.</li>
 *   <li>{@link #crossEncoder}: the logit of a cross-encoder ONNX model given as a file. No such model
 *       ships in any package; see {@link CrossEncoderModel}.</li>
 * </ul>
 *
 * <p>The similarity scorer also serves {@link Primitive.Embed}: its passage vectors, which a plan
 * hoisted by {@code HoistRule} computes at ingestion and the vector store keeps with the passages. In a
 * rerank that the plan marks as reading them ({@link Primitive.Rerank#storedVectors()}, which
 * {@code HoistRule} sets), a candidate that comes back with a {@link Passage.RerankVector} of this engine
 * (same name, same dimension) is scored with it; the others are embedded as before, so a collection
 * ingested without them scores exactly as it always did. A rerank the plan does not mark (an
 * unoptimized plan, a module chain) embeds its candidates at query time even where vectors are stored:
 * it does the work its plan says, not the work a hoisted plan moved to ingestion. The cross-encoder serves no {@code Embed} and ignores stored
 * vectors: its scores depend on the pair.
 *
 * <p>A task that is neither a {@code Rerank} nor an {@code Embed} of the similarity scorer, lacks an input or cannot be scored gets a
 * {@link TaskResult.Failure}; its batch-mates still run. The engine owns its model. Thread-safe.
 */
public final class OnnxRerankEngine extends OnnxEngine {
    /** Most tasks per {@link #execute} call. */
    public static final int MAX_BATCH_SIZE = 64;
    /**
     * Most estimated input tokens per call (the runtime estimates 150 per candidate), so that a call holds
     * one typical rerank of 20 candidates and batches only small ones. On CPU threads a larger call is
     * no faster per token, and its tasks would all finish when the last does: separate calls let each
     * result go on as soon as it is ready, such as the branches of an arrival-ordered context. The
     * engine cuts each call into passes of its own budget.
     */
    public static final int MAX_BATCH_TOKENS = 4_096;

    private final RerankScorer scorer;

    private OnnxRerankEngine(String name, RerankScorer scorer) {
        super(name, new EngineCapabilities(scorer instanceof RerankScorer.Similarity
                ? Set.of(Primitive.Rerank.class, Primitive.Embed.class) : Set.of(Primitive.Rerank.class),
                MAX_BATCH_SIZE, MAX_BATCH_TOKENS, 1));
        this.scorer = scorer;
    }

    /** An embedding-similarity reranker on {@code model}, which it now owns. */
    public static OnnxRerankEngine similarity(String name, EncoderModel model) {
        return new OnnxRerankEngine(name, new RerankScorer.Similarity(Objects.requireNonNull(model, "model")));
    }

    /** A cross-encoder reranker on {@code model}, which it now owns. */
    public static OnnxRerankEngine crossEncoder(String name, CrossEncoderModel model) {
        return new OnnxRerankEngine(name, new RerankScorer.Cross(Objects.requireNonNull(model, "model")));
    }

    /** The scoring model's name; the {@link #description()}'s model. */
    @Override
    public String modelName() {
        return scorer.modelName();
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        requireOpen();
        int n = batch.size();
        TaskResult[] results = new TaskResult[n];
        List<RerankScorer.Request> requests = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<List<Passage>> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task task = batch.tasks().get(i);
            try {
                if (task.op() instanceof Primitive.Embed && scorer instanceof RerankScorer.Similarity s) {
                    results[i] = embed(s, task);
                    continue;
                }
                if (!(task.op() instanceof Primitive.Rerank)) {
                    throw notServed(task, scorer instanceof RerankScorer.Similarity ? "Rerank and Embed" : "Rerank");
                }
                String query = task.input(Primitive.Rerank.QUERY);
                List<Passage> passages = task.input(Primitive.Rerank.PASSAGES);
                var request = new RerankScorer.Request(query, passages.stream().map(Passage::text).toList(),
                        passages.stream().map(p -> storedVector((Primitive.Rerank) task.op(), p)).toList());
                String reason = scorer.reject(request);
                if (reason != null) {
                    throw new NonRetriableEngineException("task " + task.id() + ": " + reason);
                }
                requests.add(request);
                owners.add(i);
                candidates.add(passages);
            } catch (RuntimeException e) {
                results[i] = TaskResult.failure(e);
            }
        }
        List<double[]> scores = requests.isEmpty() ? List.of() : scorer.score(requests);
        for (int r = 0; r < requests.size(); r++) {
            int i = owners.get(r);
            var op = (Primitive.Rerank) batch.tasks().get(i).op();
            results[i] = TaskResult.success(best(candidates.get(r), scores.get(r), op.topK()));
        }
        return List.of(results);
    }

    /** The vector stored with {@code p} for this engine, if the plan's rerank reads stored vectors. */
    private float @Nullable [] storedVector(Primitive.Rerank op, Passage p) {
        Passage.RerankVector v = p.rerankVector();
        if (!op.storedVectors() || v == null || !(scorer instanceof RerankScorer.Similarity s) || !v.engine().equals(name())
                || v.dimension() != s.model().dimension()) {
            return null;
        }
        return v.values();
    }

    /** Passage vectors for storing at ingestion, exactly as a rerank would compute them. */
    private TaskResult embed(RerankScorer.Similarity s, Task task) {
        List<Tokens> tokens = tokenize(s.model(), task);
        float[][] vectors = tokens.isEmpty() ? new float[0][] : s.embedPassages(tokens);
        return TaskResult.success(List.of(vectors), length(tokens), 0);
    }

    private static List<Passage> best(List<Passage> passages, double[] scores, int topK) {
        List<Passage> scored = new ArrayList<>(passages.size());
        for (int k = 0; k < scores.length; k++) {
            scored.add(passages.get(k).withScore(scores[k]));
        }
        return scored.stream().sorted(Passage.BEST_FIRST).limit(topK).toList();
    }

    @Override
    void closeModel() {
        scorer.close();
    }
}
