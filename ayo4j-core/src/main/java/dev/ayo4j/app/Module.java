// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * User-level step of an app, as frameworks such as LangChain4j know them; lowered to primitives per
 * query by {@link Lowering}. Each module reads named values of the app and defines one new value.
 */
public sealed interface Module {
    /** Unique name within the app; prefixes the ids of the primitives it lowers to. */
    String name();

    /** The value this module defines. */
    String into();

    /** Embeds {@code passages} and stores them in the app's collection; defines a SIGNAL value. */
    record Index(String name, String passages, String into) implements Module {
        public Index {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(passages, "passages");
            Objects.requireNonNull(into, "into");
        }
    }

    /** Asks the LLM for {@code n} search queries that rephrase {@code question}; defines a TEXT_LIST. */
    record ExpandQuery(String name, String question, int n, String into) implements Module {
        public ExpandQuery {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(into, "into");
            Checks.argument(n > 0 && n <= 16, "expansions must be in 1..16: %s", n);
        }
    }

    /**
     * Embeds {@code queries} (a TEXT or TEXT_LIST value) and searches the app's collection once
     * {@code index} is ready, keeping the top {@code k} per query; defines a PASSAGE_LIST.
     */
    record Search(String name, String queries, String index, int k, String into) implements Module {
        public Search {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(queries, "queries");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(into, "into");
            Checks.argument(k > 0, "search k must be > 0: %s", k);
        }
    }

    /**
     * Scores {@code passages} against {@code query} and keeps the best {@code k}; defines a PASSAGE_LIST
     * in {@code order}. With {@link ContextOrder#ARRIVAL} and passages found by a search over several
     * queries, each query's results are reranked on their own and the lists joined in query order.
     */
    record Rerank(String name, String query, String passages, int k, String into, ContextOrder order)
            implements Module {
        /** A rerank whose result is in {@link ContextOrder#SCORE} order. */
        public Rerank(String name, String query, String passages, int k, String into) {
            this(name, query, passages, k, into, ContextOrder.SCORE);
        }

        public Rerank {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(passages, "passages");
            Objects.requireNonNull(into, "into");
            Checks.argument(k > 0, "rerank k must be > 0: %s", k);
        }
    }

    /**
     * Renders {@code template} from app values (TEXT as is, PASSAGE_LIST as numbered context) and
     * generates free text of at most {@code maxTokens}; defines a TEXT value.
     */
    record Generate(String name, PromptTemplate template, int maxTokens, String into) implements Module {
        public Generate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(into, "into");
            Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
        }
    }

    /**
     * Runs the user's function registered on the runtime as {@code step} over the values {@code inputs},
     * in place (filter passages, call a tool, format an answer); defines a value of kind {@code kind}.
     * The function reads each input under the value's name, with the value's kind; it runs on no engine
     * and the planner treats it as opaque.
     */
    record Step(String name, String step, List<String> inputs, ValueKind kind, String into) implements Module {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(into, "into");
            inputs = List.copyOf(inputs);
            Checks.argument(!step.isBlank(), "module %s names no step function", name);
            Checks.argument(!inputs.isEmpty(), "step module %s reads no value", name);
            Checks.argument(new HashSet<>(inputs).size() == inputs.size(), "step module %s reads a value twice: %s",
                    name, inputs);
            Checks.argument(kind != ValueKind.GENERATION, "step module %s cannot define a live generation", name);
        }
    }
}
