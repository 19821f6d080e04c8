// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Task primitive: the smallest unit of work that ayo4j schedules, bound to one kind of engine.
 *
 * <p>The set is closed on purpose: the planner, the cost model and the runtime switch exhaustively
 * over it, so adding a primitive makes the compiler list every place that must handle it. Each
 * primitive declares typed input and output {@link Port ports}; a graph binds a producer's output
 * port to a consumer's input port explicitly, never by guessing names.
 *
 * <p>Records carry the sizes known when a query's graph is instantiated (items to embed, top-k,
 * prompt tokens), which the cost model and the planner's rules read.
 */
public sealed interface Primitive
        permits Primitive.Input, Primitive.Output, Primitive.Embed, Primitive.Ingest,
                Primitive.VectorSearch, Primitive.Rerank, Primitive.Prefill, Primitive.PartialPrefill,
                Primitive.Decode, Primitive.DecodeItem, Primitive.Aggregate, Primitive.Step {

    /** Input ports, in a stable order. */
    List<Port<?>> inputs();

    /** Output ports, in a stable order. */
    List<Port<?>> outputs();

    /** One-line description used by explain text and digests; stable across runs. */
    String describe();

    /** The input port called {@code name}, or null. */
    default @Nullable Port<?> input(String name) {
        for (Port<?> p : inputs()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The output port called {@code name}, or null. */
    default @Nullable Port<?> output(String name) {
        for (Port<?> p : outputs()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Short kind name, e.g. {@code Embed}. */
    default String kindName() {
        return getClass().getSimpleName();
    }

    /**
     * Input ports of a (partial) prefill: one text port per placeholder it renders, in order, then the
     * {@link PartialPrefill#WARMUP warmup} port if a partial prefill warms it.
     */
    private static List<Port<?>> promptInputs(Collection<String> placeholders, boolean warmed) {
        List<Port<?>> ports = new ArrayList<>();
        for (String name : placeholders) {
            ports.add(Port.text(name));
        }
        if (warmed) {
            ports.add(PartialPrefill.WARMUP);
        }
        return List.copyOf(ports);
    }

    /** A value supplied with the query: the question, the passages to index. */
    record Input(String name, ValueKind kind) implements Primitive {
        /** Name of the one output port, whose kind is the input's. */
        public static final String VALUE = "value";

        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        /** The output port, carrying the query's value. */
        public Port<?> value() { return Port.of(VALUE, kind); }

        @Override public List<Port<?>> inputs() { return List.of(); }
        @Override public List<Port<?>> outputs() { return List.of(value()); }
        @Override public String describe() { return "Input(" + name + ": " + kind + ")"; }
    }

    /** A result the query returns. */
    record Output(String name, ValueKind kind) implements Primitive {
        /** Name of the one input port, whose kind is the output's. */
        public static final String VALUE = "value";

        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }

        /** The input port, carrying the value returned. */
        public Port<?> value() { return Port.of(VALUE, kind); }

        @Override public List<Port<?>> inputs() { return List.of(value()); }
        @Override public List<Port<?>> outputs() { return List.of(); }
        @Override public String describe() { return "Output(" + name + ": " + kind + ")"; }
    }

    /** Embeds {@code items} texts of about {@code tokensPerItem} tokens each into vectors. */
    record Embed(String engine, int items, int tokensPerItem) implements Primitive {
        /** The texts to embed. */
        public static final Port<List<String>> TEXTS = Port.texts("texts");
        /** One vector per text, in input order. */
        public static final Port<List<float[]>> VECTORS = Port.vectors("vectors");

        public Embed {
            Objects.requireNonNull(engine, "engine");
            Checks.argument(items > 0, "Embed needs at least one item: %s", items);
            Checks.argument(tokensPerItem > 0, "tokensPerItem must be > 0: %s", tokensPerItem);
        }

        public Embed withItems(int n) { return new Embed(engine, n, tokensPerItem); }

        @Override public List<Port<?>> inputs() { return List.of(TEXTS); }
        @Override public List<Port<?>> outputs() { return List.of(VECTORS); }
        @Override public String describe() {
            return "Embed(engine=" + engine + ", items=" + items + ", tokens/item=" + tokensPerItem + ")";
        }
    }

    /**
     * Stores {@code items} passages with their vectors in a collection of a vector store. When
     * {@code reranker} is set, the similarity reranker of that name had its passage vectors computed
     * at ingestion (hoisted there by {@code HoistRule}): they arrive on {@link #RERANK_VECTORS} and are
     * stored with the passages, so that a search returns them to the reranker.
     */
    record Ingest(String engine, String collection, int items, @Nullable String reranker) implements Primitive {
        /** The passages to store. */
        public static final Port<List<Passage>> PASSAGES = Port.passages("passages");
        /** One vector per passage, in input order. */
        public static final Port<List<float[]>> VECTORS = Port.vectors("vectors");
        /** One reranker vector per passage, in input order; only when {@link #reranker()} is set. */
        public static final Port<List<float[]>> RERANK_VECTORS = Port.vectors("rerankVectors");
        /** Signals that the passages are searchable. */
        public static final Port<Signal> INDEX = Port.signal("index");

        public Ingest {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(collection, "collection");
            Checks.argument(items > 0, "Ingest needs at least one item: %s", items);
            Checks.argument(reranker == null || !reranker.isBlank(), "reranker must not be blank");
        }

        /** An ingest of passages and their search vectors only. */
        public Ingest(String engine, String collection, int items) {
            this(engine, collection, items, null);
        }

        public Ingest withItems(int n) { return new Ingest(engine, collection, n, reranker); }

        /** The same ingest, also storing the passage vectors of similarity reranker {@code name}. */
        public Ingest withReranker(String name) { return new Ingest(engine, collection, items, name); }

        @Override public List<Port<?>> inputs() {
            return reranker == null ? List.of(PASSAGES, VECTORS) : List.of(PASSAGES, VECTORS, RERANK_VECTORS);
        }
        @Override public List<Port<?>> outputs() { return List.of(INDEX); }
        @Override public String describe() {
            return "Ingest(engine=" + engine + ", collection=" + collection + ", items=" + items
                    + (reranker == null ? "" : ", rerank vectors of " + reranker) + ")";
        }
    }

    /** Finds the {@code topK} nearest passages for each of {@code queries} vectors, merged by id. */
    record VectorSearch(String engine, String collection, int queries, int topK) implements Primitive {
        /** The query vectors. */
        public static final Port<List<float[]>> VECTORS = Port.vectors("vectors");
        /** Waits for the collection to be searchable. */
        public static final Port<Signal> INDEX = Port.signal("index");
        /** The passages found, merged by id. */
        public static final Port<List<Passage>> PASSAGES = Port.passages("passages");

        public VectorSearch {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(collection, "collection");
            Checks.argument(queries > 0, "VectorSearch needs at least one query: %s", queries);
            Checks.argument(topK > 0, "topK must be > 0: %s", topK);
        }

        public VectorSearch withQueries(int n) { return new VectorSearch(engine, collection, n, topK); }

        @Override public List<Port<?>> inputs() {
            return List.of(VECTORS, INDEX);
        }
        @Override public List<Port<?>> outputs() { return List.of(PASSAGES); }
        @Override public String describe() {
            return "VectorSearch(engine=" + engine + ", collection=" + collection + ", queries=" + queries
                    + ", top=" + topK + ")";
        }
    }

    /**
     * Scores about {@code candidates} passages against a query and keeps the best {@code topK}.
     * {@code scoring} says whether a passage's score depends on the pair (a cross-encoder) or is the
     * similarity of a query vector and a passage vector computed apart (a bi-encoder); only the latter's
     * passage vectors can be computed ahead of the query. {@code storedVectors}: the passages come from
     * a collection that stores this reranker's passage vectors, so the rerank embeds only the query.
     */
    record Rerank(String engine, int candidates, int topK, RerankScoring scoring, boolean storedVectors)
            implements Primitive {
        /** The query the passages are scored against. */
        public static final Port<String> QUERY = Port.text("query");
        /** The candidates (input) and the best of them, best first (output): one name for both. */
        public static final Port<List<Passage>> PASSAGES = Port.passages("passages");

        public Rerank {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(scoring, "scoring");
            Checks.argument(candidates > 0, "Rerank needs at least one candidate: %s", candidates);
            Checks.argument(topK > 0, "topK must be > 0: %s", topK);
            Checks.argument(!storedVectors || scoring == RerankScoring.SIMILARITY,
                    "only a similarity reranker reads stored passage vectors: %s", scoring);
        }

        /** A similarity rerank that embeds its passages at query time, as the bundled reranker does. */
        public Rerank(String engine, int candidates, int topK) {
            this(engine, candidates, topK, RerankScoring.SIMILARITY, false);
        }

        public Rerank withCandidates(int n) { return new Rerank(engine, n, topK, scoring, storedVectors); }

        /** The same rerank, reading the passage vectors its collection stores. */
        public Rerank withStoredVectors() { return new Rerank(engine, candidates, topK, scoring, true); }

        /** The same rerank, scored as {@code how} (a pair-scored one reads no stored vectors). */
        public Rerank withScoring(RerankScoring how) {
            return new Rerank(engine, candidates, topK, how, storedVectors && how == RerankScoring.SIMILARITY);
        }

        @Override public List<Port<?>> inputs() {
            return List.of(QUERY, PASSAGES);
        }
        @Override public List<Port<?>> outputs() { return List.of(PASSAGES); }
        @Override public String describe() {
            return "Rerank(engine=" + engine + ", candidates=" + candidates + ", top=" + topK
                    + (scoring == RerankScoring.PAIR ? ", pair-scored: passages scored at query time" : "")
                    + (storedVectors ? ", stored passage vectors" : "") + ")";
        }
    }

    /**
     * Starts an LLM generation for the rendered {@code template}: prefills the prompt and hands its
     * token stream to the decode primitives downstream (over STREAM edges).
     *
     * <p>When {@code warmed}, the prompt's prefix was already prefilled by a {@link PartialPrefill}
     * upstream, which feeds the extra {@code warmup} port; the engine reuses that cached prefix.
     */
    record Prefill(String engine, PromptTemplate template, OutputFormat format, int maxTokens, int promptTokens,
                   boolean warmed) implements Primitive {
        /** The live generation, handed to decode primitives over STREAM edges. */
        public static final Port<Generation> GENERATION = Port.generation("generation");

        public Prefill {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(format, "format");
            Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
            Checks.argument(promptTokens > 0, "promptTokens must be > 0: %s", promptTokens);
        }

        public Prefill withWarmed(boolean w) {
            return new Prefill(engine, template, format, maxTokens, promptTokens, w);
        }

        @Override public List<Port<?>> inputs() {
            return promptInputs(template.placeholders(), warmed);
        }
        @Override public List<Port<?>> outputs() { return List.of(GENERATION); }
        @Override public String describe() {
            return "Prefill(engine=" + engine + ", " + template + ", out=" + format + ", max=" + maxTokens
                    + ", tokens~" + promptTokens + (warmed ? ", warmed" : "") + ")";
        }
    }

    /**
     * Prefills only the first {@code segments} segments of {@code template}: the part whose inputs
     * are ready early. Emits a {@code warmup} signal once that prefix is in the engine's cache.
     * Chains of partial prefills (each {@code warmed} by the previous one) grow the cached prefix.
     */
    record PartialPrefill(String engine, PromptTemplate template, int segments, int prefixTokens, boolean warmed)
            implements Primitive {
        /** The signal port that links a partial prefill to the prefill it warms. */
        public static final Port<Signal> WARMUP = Port.signal("warmup");

        public PartialPrefill {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(template, "template");
            Checks.argument(segments > 0 && segments < template.segments().size(),
                    "a partial prefill covers a proper prefix of the template: %s of %s segments",
                    segments, template.segments().size());
            Checks.argument(prefixTokens > 0, "prefixTokens must be > 0: %s", prefixTokens);
        }

        @Override public List<Port<?>> inputs() {
            return promptInputs(template.placeholdersIn(segments), warmed);
        }
        @Override public List<Port<?>> outputs() { return List.of(WARMUP); }
        @Override public String describe() {
            return "PartialPrefill(engine=" + engine + ", " + template + ", segments=" + segments + "/"
                    + template.segments().size() + ", tokens~" + prefixTokens + (warmed ? ", warmed" : "") + ")";
        }
    }

    /** Reads a generation to its end: the whole text, or the whole JSON list. */
    record Decode(String engine, OutputFormat format, int maxTokens) implements Primitive {
        /** The generation to read. */
        public static final Port<Generation> GENERATION = Port.generation("generation");
        /** The whole text, for a free-text format. */
        public static final Port<String> TEXT = Port.text("text");
        /** The whole list, for a JSON-list format. */
        public static final Port<List<String>> ITEMS = Port.texts("items");

        public Decode {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(format, "format");
            Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
        }

        /** The one output port: {@link #TEXT} or {@link #ITEMS}, by format. */
        public Port<?> result() {
            return switch (format) {
                case OutputFormat.FreeText _ -> TEXT;
                case OutputFormat.JsonList _ -> ITEMS;
            };
        }

        @Override public List<Port<?>> inputs() { return List.of(GENERATION); }
        @Override public List<Port<?>> outputs() { return List.of(result()); }
        @Override public String describe() {
            return "Decode(engine=" + engine + ", out=" + format + ", max=" + maxTokens + ")";
        }
    }

    /**
     * Completes with item {@code index} of a generation that emits a JSON list of {@code count}
     * strings, as soon as that item closes in the token stream. If the stream ends first, the item is
     * resolved as absent and the branch it feeds is skipped.
     */
    record DecodeItem(String engine, int index, int count) implements Primitive {
        /** The generation whose list item is read. */
        public static final Port<Generation> GENERATION = Port.generation("generation");
        /** The item. */
        public static final Port<String> ITEM = Port.text("item");

        public DecodeItem {
            Objects.requireNonNull(engine, "engine");
            Checks.argument(index >= 0 && index < count, "item index %s out of range for %s items", index, count);
        }

        @Override public List<Port<?>> inputs() { return List.of(GENERATION); }
        @Override public List<Port<?>> outputs() { return List.of(ITEM); }
        @Override public String describe() {
            return "DecodeItem(engine=" + engine + ", item=" + index + "/" + count + ")";
        }
    }

    /** Merges the outputs of {@code arity} parallel branches; runs in place, on no engine. */
    record Aggregate(AggregateMode mode, ValueKind kind, int arity, int topK) implements Primitive {
        /** Name of the output port, whose kind is the aggregate's. */
        public static final String OUT = "out";

        public Aggregate {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(kind, "kind");
            Checks.argument(arity > 0, "arity must be > 0: %s", arity);
            Checks.argument(mode != AggregateMode.TOP_K || kind == ValueKind.PASSAGE_LIST,
                    "TOP_K aggregates passage lists, not %s", kind);
            Checks.argument(mode != AggregateMode.TOP_K || topK > 0, "TOP_K needs topK > 0: %s", topK);
            Checks.argument(mode != AggregateMode.ARRIVAL || kind == ValueKind.PASSAGE_LIST,
                    "ARRIVAL joins passage lists, not %s", kind);
            Checks.argument(mode != AggregateMode.ARRIVAL || topK > 0, "ARRIVAL needs topK > 0: %s", topK);
            Checks.argument(mode != AggregateMode.ALL || kind == ValueKind.SIGNAL, "ALL joins signals, not %s", kind);
            Checks.argument(mode != AggregateMode.CONCAT || kind.isList(), "CONCAT joins lists, not %s", kind);
            Checks.argument(mode != AggregateMode.UNSEEN || kind == ValueKind.PASSAGE_LIST,
                    "UNSEEN filters passage lists, not %s", kind);
            Checks.argument(mode != AggregateMode.UNSEEN || arity > 1, "UNSEEN needs inputs to compare with: %s",
                    arity);
        }

        /**
         * Passages input {@code i} of an {@link AggregateMode#ARRIVAL} join of {@code arity} inputs may
         * contribute beyond what earlier inputs leave over: an even share of {@code topK}, the first
         * {@code topK % arity} inputs one more.
         */
        public static int arrivalShare(int topK, int arity, int i) {
            return topK / arity + (i < topK % arity ? 1 : 0);
        }

        /** Name of the i-th input port. */
        public static String port(int i) {
            return "in" + i;
        }

        @Override public List<Port<?>> inputs() {
            List<Port<?>> ports = new ArrayList<>(arity);
            for (int i = 0; i < arity; i++) {
                ports.add(Port.of(port(i), kind));
            }
            return List.copyOf(ports);
        }
        /** In constant time: an aggregate of a large fan-in is looked up once per incoming edge. */
        @Override public @Nullable Port<?> input(String name) {
            if (name.length() > 2 && name.startsWith("in") && name.charAt(2) != '0' || name.equals("in0")) {
                try {
                    int i = Integer.parseInt(name, 2, name.length(), 10);
                    return i >= 0 && i < arity ? Port.of(name, kind) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
        @Override public List<Port<?>> outputs() { return List.of(Port.of(OUT, kind)); }
        @Override public String describe() {
            return "Aggregate(" + mode + (mode == AggregateMode.TOP_K || mode == AggregateMode.ARRIVAL ? " " + topK : "") + ", " + kind + ", arity="
                    + arity + ")";
        }
    }

    /**
     * Runs the user's function registered under {@code name} on the runtime, in place on no engine, with
     * one input port per parameter; its result is the value of port {@link #RESULT}, of kind {@code
     * output}. The planner treats a step as opaque: it costs as a local primitive, no rule rewrites across
     * it, and two equal steps are never merged, since the function may have effects (a tool call).
     */
    record Step(String name, List<Port<?>> params, ValueKind output) implements Primitive {
        /** Name of the output port, whose kind is the step's {@code output}. */
        public static final String RESULT = "result";

        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(output, "output");
            params = List.copyOf(params);
            Checks.argument(!name.isBlank(), "a step needs a name");
            Checks.argument(!params.isEmpty(), "step %s needs at least one input", name);
            Checks.argument(output != ValueKind.GENERATION, "step %s cannot return a live generation", name);
            Set<String> seen = new HashSet<>();
            for (Port<?> p : params) {
                Checks.argument(seen.add(p.name()), "step %s has two inputs called '%s'", name, p.name());
                Checks.argument(p.kind() != ValueKind.GENERATION, "step %s cannot read a live generation (%s)",
                        name, p.name());
            }
        }

        /** The output port. */
        public Port<?> result() { return Port.of(RESULT, output); }

        @Override public List<Port<?>> inputs() { return params; }
        @Override public List<Port<?>> outputs() { return List.of(result()); }
        @Override public String describe() {
            return "Step(" + name + ", in=" + params + ", out=" + output + ")";
        }
    }
}
