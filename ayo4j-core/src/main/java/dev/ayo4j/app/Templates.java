// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.primitive.PromptTemplate;

/** Built-in prompt templates; late inputs (retrieved context) render last so prefixes can be warmed. */
public final class Templates {
    private Templates() {}

    /** Asks for {@code n} search queries as a JSON array; the question is its only input. */
    public static PromptTemplate expansion(int n) {
        return PromptTemplate.of("""
                You rewrite a user's question into search queries for a document index. \
                Write %d different short search queries that together cover what the question asks. \
                Reply with a JSON array of %d strings and nothing else.

                Question: {{question}}
                Queries:""".formatted(n, n));
    }

    /** Answers from numbered context, citing passage numbers; the context renders last. */
    public static final PromptTemplate ANSWER_FROM_CONTEXT = PromptTemplate.of("""
            You are a careful assistant. Answer the question using only the numbered context passages, \
            and cite the passages you used by their numbers, like [1]. If the context does not contain \
            the answer, say so.

            Question: {{question}}

            Context:
            {{context}}

            Answer:""");

    /** Answers a question directly, for the first call of a multi-call chain. */
    public static final PromptTemplate DRAFT_ANSWER = PromptTemplate.of("""
            You are a careful assistant. Answer the question briefly.

            Question: {{question}}
            Answer:""");

    /** Refines a draft answer; the draft renders last. */
    public static final PromptTemplate REFINE_ANSWER = PromptTemplate.of("""
            You are a careful editor. Improve the draft answer to the question: make it correct, \
            complete and concise. Reply with the improved answer only.

            Question: {{question}}

            Draft answer:
            {{answer}}

            Improved answer:""");

    /** Rough token count of a template's literal text (about four characters per token). */
    static int tokens(PromptTemplate t) {
        return Math.max(1, t.literalLength(t.segments().size()) / 4);
    }
}
