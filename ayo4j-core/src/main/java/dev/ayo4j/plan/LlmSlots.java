// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many slots an LLM needs so that the prompt templates of a plan keep their prefixes cached: one slot
 * per distinct template the plan sends to that engine, per query answered at once. A slot holds the
 * prompt of its last request, so two templates sharing a slot evict each other's instructions on every
 * query (advanced-rag: its expansion and its answer); with a slot each, and requests routed to the slot
 * that holds their prefix, each template finds its instructions cached from the query before. A partial
 * prefill (warm-up) renders a prefix of its prefill's template and goes to the same slot, so it needs none
 * of its own.
 */
public final class LlmSlots {
    private LlmSlots() {}

    /** The distinct prompt templates of {@code plan}'s prefills and warm-ups, by LLM engine name. */
    public static Map<String, Integer> templatesByEngine(PrimitiveGraph plan) {
        Map<String, Set<PromptTemplate>> templates = new TreeMap<>();
        for (Node n : plan.nodes()) {
            switch (n.op()) {
                case Primitive.Prefill p -> templates.computeIfAbsent(p.engine(), _ -> new HashSet<>()).add(p.template());
                case Primitive.PartialPrefill p ->
                        templates.computeIfAbsent(p.engine(), _ -> new HashSet<>()).add(p.template());
                default -> { }
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        templates.forEach((engine, set) -> counts.put(engine, set.size()));
        return counts;
    }

    /**
     * Slots for one LLM engine serving any of {@code plans} (one after another) with {@code queries}
     * queries answered at once: the most templates any one plan sends to one engine, times
     * {@code queries}; at least 1.
     */
    public static int forPlans(Collection<PrimitiveGraph> plans, int queries) {
        if (queries < 1) {
            throw new IllegalArgumentException("queries must be > 0: " + queries);
        }
        int most = 1;
        for (PrimitiveGraph plan : plans) {
            for (int n : templatesByEngine(plan).values()) {
                most = Math.max(most, n);
            }
        }
        return Math.multiplyExact(most, queries);
    }
}
