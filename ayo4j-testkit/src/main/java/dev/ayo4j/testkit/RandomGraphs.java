// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Generator of random, valid query graphs from a seed, for property tests: random apps built from the
 * module kinds (index, optional query expansion, one or two searches, optional rerank, one or two
 * generate calls with templates that put the question or the context first), lowered with random
 * sizes, together with matching query inputs. The same seed always yields the same case.
 */
public final class RandomGraphs {
    /** The apps' inputs, named as the built-in apps name theirs (templates say {@code {{question}}}). */
    private static final String QUESTION = Apps.QUESTION.name();
    private static final String PASSAGES = Apps.PASSAGES.name();

    private static final String[] WORDS = {"alpha", "beta", "graph", "prefill", "rerank", "vector", "query",
        "engine", "token", "batch", "cache", "index", "stream", "answer", "context", "latency"};

    private RandomGraphs() {}

    /**
     * One generated case.
     *
     * @param seed   the seed it came from (print it when a property fails)
     * @param app    the random app
     * @param graph  its unoptimized graph for {@code inputs}
     * @param inputs the query's input values
     */
    public record Case(long seed, App app, PrimitiveGraph graph, Map<String, Object> inputs) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + app;
        }
    }

    /** The case for {@code seed}. */
    public static Case generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int passages = 1 + r.nextInt(r.nextBoolean() ? 40 : 1500);
        App.Builder b = App.builder("random-" + Long.toHexString(seed))
                .input(QUESTION, ValueKind.TEXT)
                .input(PASSAGES, ValueKind.PASSAGE_LIST)
                .then(new Module.Index("index", PASSAGES, "index"));
        String queries = QUESTION;
        if (r.nextBoolean()) {
            b.then(new Module.ExpandQuery("expand", QUESTION, 1 + r.nextInt(5), "queries"));
            queries = "queries";
        }
        int k = 1 + r.nextInt(30);
        b.then(new Module.Search("search", queries, "index", k, "candidates"));
        String searched = "candidates";
        if (r.nextInt(4) == 0) {
            // A second, identical search whose result the rest of the app reads: the same computation
            // twice, which de-duplication merges.
            b.then(new Module.Search("search2", queries, "index", k, "candidates2"));
            searched = "candidates2";
            b.output("candidates");
        }
        String context = searched;
        if (r.nextInt(4) != 0) {
            // Drawn from a stream of its own, so that the cases of every other seed stay as they were.
            ContextOrder order = new SplittableRandom(~seed).nextInt(3) == 0 ? ContextOrder.ARRIVAL : ContextOrder.SCORE;
            b.then(new Module.Rerank("rerank", QUESTION, searched, 1 + r.nextInt(8), "context", order));
            context = "context";
        }
        String preamble = words(r, 4 + r.nextInt(20));
        String template = r.nextInt(3) == 0
                ? "Context:\n{{" + context + "}}\n\n" + preamble + "\nQuestion: {{question}}\nAnswer:"
                : preamble + "\nQuestion: {{question}}\n\nContext:\n{{" + context + "}}\n\nAnswer:";
        b.then(new Module.Generate("generate", PromptTemplate.of(template), 8 + r.nextInt(64), "answer"));
        b.output("answer");
        if (!context.equals("candidates") || !searched.equals("candidates2")) {
            b.output(context);
        }
        if (r.nextBoolean()) {
            b.then(new Module.Generate("refine", PromptTemplate.of(words(r, 6) + "\nQuestion: {{question}}\nDraft: "
                    + "{{answer}}\nBetter:"), 8 + r.nextInt(32), "refined"));
            b.output("refined");
        }
        App app = b.build();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(QUESTION, words(r, 3 + r.nextInt(12)) + "?");
        inputs.put(PASSAGES, passages(r, passages));
        PrimitiveGraph graph = app.lower(new QueryShape(passages, 20 + r.nextInt(300), 4 + r.nextInt(40)));
        return new Case(seed, app, graph, inputs);
    }

    /** {@code count} seeds derived from {@code baseSeed}. */
    public static List<Long> seeds(long baseSeed, int count) {
        Random r = new Random(baseSeed);
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(r.nextLong());
        }
        return seeds;
    }

    private static List<Passage> passages(SplittableRandom r, int n) {
        List<Passage> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Passage("doc" + (i % 7) + ".md#" + i, words(r, 3 + r.nextInt(30)), 0, "doc" + (i % 7) + ".md"));
        }
        return List.copyOf(list);
    }

    private static String words(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
