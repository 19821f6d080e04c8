// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Embedding engine serving {@link Primitive.Embed}: input port {@code texts} ({@code List<String>}),
 * output {@code vectors} ({@code List<float[]>}, unit vectors, one per text in order).
 *
 * <p>All texts of all tasks of a batch are tokenized together, sorted by length and run in forward
 * passes under the model's padded-token budget ({@link EncoderOptions#batchTokens()}), so one long
 * text never makes short batch-mates pay for its padding. Results come back per task in input order.
 * A task that is not an {@code Embed}, lacks its input or (under {@link Overflow#REJECT}) holds a text
 * longer than the window gets a {@link TaskResult.Failure}; its batch-mates still run. A failure of
 * ONNX Runtime itself throws {@link NonRetriableEngineException}, failing the batch.
 *
 * <p>The engine owns its {@link EncoderModel} and closes it. Thread-safe.
 */
public final class OnnxEmbeddingEngine extends OnnxEngine {
    /** Most tasks per {@link #execute} call. */
    public static final int MAX_BATCH_SIZE = 256;
    /**
     * Most estimated input tokens the scheduler puts into one call (a larger single task still goes
     * alone). On a CPU an encoder's throughput is flat once a pass holds about 64 tokens, so 512 loses
     * nothing, while it keeps the micro-batches a planner made separate and lets urgent work (a query's
     * embedding on the critical path) in between them after at most a tenth of a second. The engine
     * cuts each call into passes of its own padded-token budget.
     */
    public static final int MAX_BATCH_TOKENS = 512;

    private final EncoderModel model;

    /** An engine called {@code name} on {@code model}, which it now owns. */
    public OnnxEmbeddingEngine(String name, EncoderModel model) {
        // One call at a time: a pass already uses the threads the model was given.
        super(name, new EngineCapabilities(Set.of(Primitive.Embed.class), MAX_BATCH_SIZE, MAX_BATCH_TOKENS, 1));
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    String modelName() {
        return model.name();
    }

    /** The model behind the engine. */
    public EncoderModel model() {
        return model;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        requireOpen();
        int n = batch.size();
        TaskResult[] results = new TaskResult[n];
        List<Tokens> all = new ArrayList<>();
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            Task task = batch.tasks().get(i);
            from[i] = all.size();
            try {
                List<Tokens> tokens = tokenize(task);
                all.addAll(tokens);
            } catch (RuntimeException e) {
                results[i] = TaskResult.failure(e);
            }
            to[i] = all.size();
        }
        float[][] vectors = all.isEmpty() ? new float[0][] : model.embedTokens(all);
        for (int i = 0; i < n; i++) {
            if (results[i] == null) {
                results[i] = TaskResult.success(List.of(Arrays.copyOfRange(vectors, from[i], to[i])),
                        length(all.subList(from[i], to[i])), 0);
            }
        }
        return List.of(results);
    }

    private List<Tokens> tokenize(Task task) {
        if (!(task.op() instanceof Primitive.Embed)) {
            throw notServed(task, "Embed");
        }
        return tokenize(model, task);
    }

    @Override
    void closeModel() {
        model.close();
    }
}
