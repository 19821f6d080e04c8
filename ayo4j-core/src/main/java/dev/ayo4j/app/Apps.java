// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import java.util.List;

/**
 * The built-in apps: {@code naive-rag}, {@code advanced-rag} and {@code multi-call}. The two RAG apps
 * come in two forms: one that ingests the query's own passages before searching them (document QA), and
 * one that searches a collection ingested beforehand with {@link #ingest()}, whose queries supply the
 * question and the {@link #COLLECTION_READY} signal as input {@link #INDEX}.
 *
 * <p>The apps' input and output values are typed constants ({@link #QUESTION}, {@link #PASSAGES},
 * {@link #INDEX}, {@link #ANSWER}, {@link #CONTEXT}, {@link #REFINED}): a query's inputs are keyed by
 * their names, and each constant's type is the Java type of its value.
 */
public final class Apps {
    /** Input of every built-in app: the user's question. */
    public static final Port<String> QUESTION = Port.text("question");

    /** Input of the apps that ingest the query's own passages, and of {@link #ingest()}. */
    public static final Port<List<Passage>> PASSAGES = Port.passages("passages");

    /** The input through which a search over a collection ingested beforehand learns it is ready. */
    public static final Port<Signal> INDEX = Port.signal("index");

    /** Output of the RAG apps: the answer. */
    public static final Port<String> ANSWER = Port.text("answer");

    /** Output of the RAG apps: the passages the answer was given, in context order. */
    public static final Port<List<Passage>> CONTEXT = Port.passages("context");

    /** Output of {@code multi-call}: the refined answer. */
    public static final Port<String> REFINED = Port.text("refined");

    /** The value of input {@link #INDEX}: the collection was ingested before the query. */
    public static final Signal COLLECTION_READY = Signal.done("collection ingested beforehand");

    /** Names accepted by {@link #byName}. */
    public static final List<String> NAMES = List.of("naive-rag", "advanced-rag", "multi-call");

    private Apps() {}

    /** The built-in app called {@code name}; throws naming the known apps if there is none. */
    public static App byName(String name, AppOptions options) {
        return switch (name) {
            case "naive-rag" -> naiveRag(options);
            case "advanced-rag" -> advancedRag(options);
            case "multi-call" -> multiCall(options);
            default -> throw new Ayo4jException("unknown app '" + name + "'; built-in apps: " + NAMES);
        };
    }

    /** Index the passages, search with the question, rerank, answer from the context. */
    public static App naiveRag(AppOptions o) {
        return rag("naive-rag", o, true, false);
    }

    /**
     * Index the passages; expand the question into n queries, search each, rerank, answer; the context
     * is in the options' {@link ContextOrder}.
     */
    public static App advancedRag(AppOptions o) {
        return rag("advanced-rag", o, true, true);
    }

    /**
     * Naive-rag over the app's collection as ingested beforehand: search with the question, rerank,
     * answer. Inputs: {@code question} and {@link #INDEX}.
     */
    public static App naiveRagOverCollection(AppOptions o) {
        return rag("naive-rag", o, false, false);
    }

    /**
     * Advanced-rag over the app's collection as ingested beforehand: expand the question into n queries,
     * search each, rerank, answer. Inputs: {@code question} and {@link #INDEX}.
     */
    public static App advancedRagOverCollection(AppOptions o) {
        return rag("advanced-rag", o, false, true);
    }

    /**
     * Embeds the given {@code passages} into the app's collection, for the {@code ...OverCollection}
     * apps to search; ingestion is idempotent by passage id. Output: {@link #INDEX}.
     */
    public static App ingest() {
        return App.builder("ingest")
                .input(PASSAGES.name(), PASSAGES.kind())
                .then(new Module.Index("index", PASSAGES.name(), INDEX.name()))
                .output(INDEX.name())
                .build();
    }

    /** Answer the question, then refine the answer in a second LLM call. */
    public static App multiCall(AppOptions o) {
        return App.builder("multi-call")
                .input(QUESTION.name(), QUESTION.kind())
                .then(new Module.Generate("draft", Templates.DRAFT_ANSWER, o.answerTokens(), ANSWER.name()))
                .then(new Module.Generate("refine", Templates.REFINE_ANSWER, o.answerTokens(), REFINED.name()))
                .output(REFINED.name())
                .build();
    }

    /**
     * The RAG chain: ingest the query's passages (or read the {@link #INDEX} signal of a collection
     * ingested beforehand), expand the question if {@code expands}, search, rerank, answer. Only an
     * expanded search can put its context in arrival order.
     */
    private static App rag(String name, AppOptions o, boolean ingestsPerQuery, boolean expands) {
        String question = QUESTION.name();
        App.Builder b = App.builder(name).input(question, QUESTION.kind());
        if (ingestsPerQuery) {
            b.input(PASSAGES.name(), PASSAGES.kind()).then(new Module.Index("index", PASSAGES.name(), INDEX.name()));
        } else {
            b.input(INDEX.name(), INDEX.kind());
        }
        if (expands) {
            b.then(new Module.ExpandQuery("expand", question, o.expansions(), "queries"));
        }
        return b.then(new Module.Search("search", expands ? "queries" : question, INDEX.name(), o.searchK(),
                        "candidates"))
                .then(new Module.Rerank("rerank", question, "candidates", o.rerankK(), CONTEXT.name(),
                        expands ? o.contextOrder() : ContextOrder.SCORE))
                .then(new Module.Generate("generate", Templates.ANSWER_FROM_CONTEXT, o.answerTokens(), ANSWER.name()))
                .output(ANSWER.name())
                .output(CONTEXT.name())
                .build();
    }
}
