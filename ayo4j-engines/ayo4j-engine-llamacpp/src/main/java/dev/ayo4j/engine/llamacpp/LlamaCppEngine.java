// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.llamacpp.gguf.GgufFile;
import dev.ayo4j.primitive.OutputFormat;
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
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * LLM engine on an in-process llama.cpp (java-llama.cpp 4.2.0) that serves {@link Primitive.Prefill} and
 * {@link Primitive.PartialPrefill}.
 *
 * <p>Each task is its own llama.cpp request; llama.cpp puts concurrent requests on its slots and batches
 * their decode steps, so {@link EngineCapabilities#maxBatchSize()} is 1 and
 * {@link EngineCapabilities#maxConcurrency()} is the number of slots. Every request asks for prompt
 * caching (one uncached request would wipe its slot's cache), greedy sampling and a fixed seed, so
 * output is deterministic.
 *
 * <ul>
 *   <li><b>Prefill</b>: publishes a {@link GenerationStream} through {@link Task#publish()} at once,
 *       streams the tokens into it from a virtual thread, and returns it once the prompt is prefilled.
 *       {@code JsonList(n)} outputs are constrained by a grammar of exactly n strings unless
 *       {@link LlamaCppOptions#jsonGrammar()} is off.</li>
 *   <li><b>PartialPrefill</b>: sends the rendered prefix as a prefill-only request
 *       ({@code n_predict = 0}), which leaves it cached in a slot, and returns a {@link Signal}; a
 *       failed warm-up yields {@link Signal#failed} rather than a task failure.</li>
 * </ul>
 *
 * <p><b>Slots.</b> A warm-up helps only if the full prompt later lands on the slot that holds the warmed
 * prefix, and a template's instructions stay cached across queries only if its requests keep going to the
 * same slot. With {@link LlamaCppOptions#slotAffinity()} (the default) the engine pins every request
 * ({@code id_slot}) to the idle slot whose cache shares the longest token prefix with it, if that prefix is
 * at least {@link LlamaCppOptions#slotSimilarity()} of the slot's cached tokens, else to the least recently
 * used idle slot (see {@link SlotCacheModel}); a chain of progressive warm-ups (instructions and
 * question, then a few passages more each step, then the full prompt) stays on one slot. Give the engine
 * one slot per template in use per concurrently answered query (advanced-rag: its expansion and its
 * answer), so that neither template's requests overwrite the other's prefix. Pinned, the tokens each
 * request prefills are known ({@link #prefillCounts()}): java-llama.cpp reports no cache hits of its own.
 * Without affinity llama.cpp picks the idle slot whose cached tokens share the longest common substring
 * with the prompt, if that is at least {@link LlamaCppOptions#slotSimilarity()} of the slot's tokens, else
 * the least recently used idle slot, and the engine counts its requests as
 * {@linkplain PrefillCounts#unreported unreported}.
 *
 * <p>Bad input fails the task with a {@link NonRetriableEngineException}: a prompt longer than a slot's
 * context, a missing placeholder value. Opening checks the model file first ({@link #open}).
 *
 * <p>Pitfalls handled or left to the caller: the native library is put in a private per-JVM directory
 * (see {@code NativeLibrary}); the JVM needs {@code --enable-native-access=ALL-UNNAMED}; and after
 * {@link #close()} a native thread keeps the JVM alive, so command-line mains must call
 * {@code System.exit}. Thread-safe.
 */
public final class LlamaCppEngine extends AbstractEngine implements PrefillCounter {
    private static final System.Logger LOG = System.getLogger(LlamaCppEngine.class.getName());

    private final LlamaCppOptions options;
    private final LlamaModel model;
    private final Map<Integer, String> grammars = new ConcurrentHashMap<>();
    private final Lifecycle lifecycle = new Lifecycle();
    /** The slots' caches, which requests are pinned by; null without affinity (llama.cpp chooses). */
    private final @Nullable SlotCacheModel slots;
    private final AtomicReference<PrefillCounts> counts = new AtomicReference<>(PrefillCounts.NONE);

    private LlamaCppEngine(LlamaCppOptions options, LlamaModel model) {
        super(options.name(), new EngineCapabilities(Set.of(Primitive.Prefill.class, Primitive.PartialPrefill.class),
                1, options.slotCtx(), options.slots()));
        this.options = options;
        this.model = model;
        this.slots = options.slotAffinity()
                ? new SlotCacheModel(options.slots(), SlotCacheModel.Choice.AFFINITY, options.slotSimilarity())
                : null;
    }

    /**
     * Checks the model file (exists, is GGUF, has an architecture the bundled llama.cpp runs) and loads
     * it; throws {@link NonRetriableEngineException} naming the file otherwise.
     */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stand-in for the BOS token every request starts with, in the slot model's token arrays. */
    private static final int BOS = -1;

    /** Most characters of one item of a generated JSON list (a search query). */
    public static final int MAX_ITEM_CHARS = 48;

    public static LlamaCppEngine open(LlamaCppOptions options) {
        GgufFile header = ModelFileCheck.check(options.model());
        NativeLibrary.prepare();
        ModelParameters params = new ModelParameters()
                .setModel(options.model().toString())
                .setCtxSize(options.ctxSize())
                .setParallel(options.slots())
                .enableContBatching()
                .setThreads(options.threads())
                .setThreadsBatch(options.batchThreads())
                .setPoll(options.poll())
                .setPollBatch(options.poll())
                .setBatchSize(options.batchSize())
                .setSlotPromptSimilarity(options.slotSimilarity())
                .disableLog();
        LlamaModel model;
        try {
            model = new LlamaModel(params);
        } catch (RuntimeException e) {
            throw new NonRetriableEngineException(String.format("llama.cpp could not load model %s (architecture %s): %s",
                    options.model(), header.architecture(), e.getMessage()), e);
        }
        LOG.log(Level.INFO, "llamacpp engine {0}: {1} (architecture {2}, {3} tensors), ctx {4} in {5} slots, {6} threads ({7} for prompts, poll {8})",
                options.name(), options.model(), header.architecture(), header.tensors().size(), options.ctxSize(),
                options.slots(), options.threads(), options.batchThreads(), options.poll());
        return new LlamaCppEngine(options, model);
    }

    /** Provider {@code llama.cpp}, model the GGUF file's name. */
    @Override
    public EngineDescription description() {
        return new EngineDescription("llama.cpp", String.valueOf(options.model().getFileName()));
    }

    /** The options this engine was opened with. */
    public LlamaCppOptions options() {
        return options;
    }

    /** Tokens {@code prompt} takes as a request, BOS included. */
    public int promptTokens(String prompt) {
        return encode(prompt).length + 1;
    }

    /**
     * Prompt tokens sent and prefilled since this engine was opened (see {@link PrefillCounts}), BOS included:
     * with slot affinity from the slot model requests are pinned by, without it all unreported.
     */
    @Override
    public PrefillCounts prefillCounts() {
        return counts.get();
    }

    /** The request's tokens as the slot model compares them: a stand-in for BOS, then the prompt's. */
    private int[] requestTokens(String prompt) {
        int[] text = encode(prompt);
        int[] tokens = new int[text.length + 1];
        tokens[0] = BOS;
        System.arraycopy(text, 0, tokens, 1, text.length);
        return tokens;
    }

    /**
     * Routes a request to its slot and counts the tokens it will prefill there; null without affinity, where
     * llama.cpp chooses and the request is counted unreported.
     */
    private SlotCacheModel.@Nullable Route route(int[] tokens) {
        if (slots == null) {
            counts.accumulateAndGet(PrefillCounts.unreported(tokens.length), PrefillCounts::plus);
            return null;
        }
        SlotCacheModel.Route r = slots.acquire(tokens);
        counts.accumulateAndGet(PrefillCounts.reported(r.promptTokens(), r.prefilledTokens()), PrefillCounts::plus);
        LOG.log(Level.DEBUG, "llamacpp engine {0}: request of {1} tokens to slot {2}, {3} cached",
                name(), r.promptTokens(), r.slot(), r.cachedTokens());
        return r;
    }

    /** The request routed by {@code route} has left its slot. */
    private void release(SlotCacheModel.@Nullable Route route) {
        if (route != null && slots != null) {
            slots.release(route);
        }
    }

    /** {@code params} pinned to {@code route}'s slot, or left to llama.cpp's choice without a route. */
    private static InferenceParameters pin(InferenceParameters params, SlotCacheModel.@Nullable Route route) {
        return route == null ? params : SlotPin.pin(params, route.slot());
    }

    /** llama.cpp's tokens for {@code text} as a prompt, BOS excluded. */
    int[] encode(String text) {
        return model.encode(text);
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        if (lifecycle.isClosed()) {
            throw closedError();
        }
        // Platform threads: a warm-up blocks in native code, which would pin a virtual thread's carrier.
        return BatchFanout.runEach(batch, Thread.ofPlatform().daemon().name("llamacpp-task-", 0).factory(), this::run);
    }

    private TaskResult run(Task task) {
        if (!lifecycle.enter()) {
            return TaskResult.failure(closedError());
        }
        try {
            return switch (task.op()) {
                case Primitive.Prefill p -> prefill(task, p);
                case Primitive.PartialPrefill p -> partialPrefill(task, p);
                default -> TaskResult.failure(new NonRetriableEngineException(String.format(
                        "engine %s (llamacpp) does not serve %s (task %s)", name(), task.op().kindName(), task.id())));
            };
        } catch (RuntimeException e) {
            return failed(task, e);
        } finally {
            lifecycle.exit();
        }
    }

    private TaskResult prefill(Task task, Primitive.Prefill p) {
        String prompt = TaskInputs.prompt(task);
        int[] ids = requestTokens(prompt);
        int tokens = checkedPromptTokens(task, ids.length, "prompt");
        InferenceParameters params = request(prompt).setNPredict(Math.min(p.maxTokens(), options.slotCtx() - tokens));
        if (p.format() instanceof OutputFormat.JsonList(int items) && options.jsonGrammar()) {
            params.setGrammar(grammar(items));
        } else if (p.format() instanceof OutputFormat.FreeText && options.ignoreEos()) {
            params.setIgnoreEos(true);
        }
        GenerationStream stream = new GenerationStream();
        SlotCacheModel.@Nullable Route slot = route(ids);
        GenerationPump pump = new GenerationPump(model, pin(params, slot), stream, tokens, lifecycle,
                () -> release(slot));
        stream.onCancel(pump::cancel);
        try {
            task.publish().accept(stream);
        } catch (RuntimeException e) {
            release(slot); // the pump never starts, so it never leaves the slot
            throw e;
        }
        pump.start(name());
        try {
            stream.prefilled().join();
        } catch (CompletionException e) {
            return TaskResult.failure(e.getCause());
        }
        return TaskResult.success(stream, tokens, 0);
    }

    private TaskResult partialPrefill(Task task, Primitive.PartialPrefill p) {
        String prefix = TaskInputs.prompt(task);
        int[] ids = requestTokens(prefix);
        int tokens;
        try {
            tokens = checkedPromptTokens(task, ids.length, "prompt prefix");
        } catch (NonRetriableEngineException e) {
            return TaskResult.success(Signal.failed(e.getMessage()));
        }
        SlotCacheModel.@Nullable Route slot = route(ids);
        try {
            model.complete(pin(request(prefix).setNPredict(0), slot));
            return TaskResult.success(Signal.done("cached a prefix of " + tokens + " tokens"), tokens, 0);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "warm-up of task {0} failed: {1}", task.id(), e.getMessage());
            return TaskResult.success(Signal.failed("warm-up failed: " + e.getMessage()));
        } finally {
            release(slot);
        }
    }

    /** Rejects a prompt of {@code tokens} tokens if it leaves no room in a slot. */
    private int checkedPromptTokens(Task task, int tokens, String what) {
        if (tokens >= options.slotCtx()) {
            throw new NonRetriableEngineException(String.format(
                    "task %s: %s has %d tokens, but a slot of engine %s holds %d (ctxSize %d / %d slots)",
                    task.id(), what, tokens, name(), options.slotCtx(), options.ctxSize(), options.slots()));
        }
        return tokens;
    }

    /** A request with the settings every request must carry. */
    private InferenceParameters request(String prompt) {
        return new InferenceParameters(prompt).setCachePrompt(true).setTemperature(0f).setSeed(options.seed());
    }

    /**
     * Grammar of a JSON array of exactly {@code items} strings of at most {@link #MAX_ITEM_CHARS}
     * characters: bounding each item guarantees that every item closes within the token budget, so
     * pipelined branches get their items even from a model that would ramble.
     */
    private String grammar(int items) {
        return grammars.computeIfAbsent(items, n -> {
            ObjectNode schema = JSON.createObjectNode().put("type", "array").put("minItems", n).put("maxItems", n);
            ObjectNode item = schema.putObject("items").put("type", "string");
            if (options.listItemPattern() == null) {
                item.put("minLength", 1).put("maxLength", MAX_ITEM_CHARS);
            } else {
                item.put("pattern", options.listItemPattern());
            }
            return LlamaModel.jsonSchemaToGrammar(schema.toString());
        });
    }

    /**
     * Fails running generations, waits for requests to leave the model, then frees it; idempotent. Tasks
     * executed afterwards fail; the JVM still needs {@code System.exit} to end (a native thread lingers).
     */
    @Override
    public void close() {
        List<GenerationPump> running = lifecycle.close();
        if (running == null) {
            return;
        }
        for (GenerationPump pump : running) {
            pump.abort(name());
        }
        lifecycle.awaitIdle();
        model.close();
        LOG.log(Level.DEBUG, "llamacpp engine {0} closed", name());
    }
}
