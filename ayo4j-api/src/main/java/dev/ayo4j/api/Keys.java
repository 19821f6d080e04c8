package dev.ayo4j.api;

import dev.ayo4j.spi.Passage;
import java.util.List;

/** The keys of the built-in apps' values. */
public final class Keys {
    private Keys() {}

    /** The user's question: an input of every built-in app. */
    public static final Key<String> QUESTION = Key.text("question");

    /** Passages a document-QA app indexes per query. */
    public static final Key<List<Passage>> PASSAGES = Key.passages("passages");

    /** The generated answer of the RAG apps. */
    public static final Key<String> ANSWER = Key.text("answer");

    /** The passages the RAG apps answered from, best first, with their rerank scores. */
    public static final Key<List<Passage>> CONTEXT = Key.passages("context");

    /** The refined answer of {@code multi-call}. */
    public static final Key<String> REFINED = Key.text("refined");
}
