// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.Templates;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Graphs and inputs shared by the runtime tests. */
final class Fixtures {
    static final int PASSAGES = 12;
    /** Hang guard for waits in tests; never a timing assertion. */
    static final java.time.Duration GUARD = java.time.Duration.ofSeconds(30);

    private Fixtures() {}

    static List<Passage> passages() {
        List<Passage> list = new ArrayList<>();
        for (int i = 0; i < PASSAGES; i++) {
            list.add(new Passage("doc.md#" + i, "passage " + i + " about topic " + (i % 4), 0, "doc.md"));
        }
        return List.copyOf(list);
    }

    static Map<String, Object> ragInputs(String question) {
        return Map.of(Apps.QUESTION.name(), question, Apps.PASSAGES.name(), passages());
    }

    static PrimitiveGraph advancedRag() {
        return Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(PASSAGES));
    }

    static PrimitiveGraph naiveRag() {
        return Apps.naiveRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(PASSAGES));
    }

    /** {@code question -> prefill(engine) ~> decode(engine) -> output "answer"}: the decode reads the stream. */
    static PrimitiveGraph generate() {
        var b = PrimitiveGraph.builder("generate");
        var q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        var prefill = b.add("prefill", new Primitive.Prefill("engine", Templates.DRAFT_ANSWER,
                OutputFormat.text(), 32, 40, false));
        var decode = b.add("decode", new Primitive.Decode("engine", OutputFormat.text(), 32));
        var out = b.add("output.answer", new Primitive.Output("answer", ValueKind.TEXT));
        b.connect(q, "value", prefill, "question");
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        b.connect(decode, Primitive.Decode.TEXT.name(), out, Primitive.Output.VALUE);
        return b.build();
    }

    /** The index of the node named {@code id} in {@code plan}. */
    static int node(GraphPlan plan, String id) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.nodes[i].id().value().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no node " + id);
    }

    /** {@code question -> embed(engine) -> output "vectors"}: one engine primitive per query. */
    static PrimitiveGraph embedOnly(String engine) {
        var b = PrimitiveGraph.builder("embed-only");
        var q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        var e = b.add("embed", new Primitive.Embed(engine, 1, 8));
        var o = b.add("output.vectors", new Primitive.Output("vectors", ValueKind.VECTOR_LIST));
        b.connect(q, Primitive.Input.VALUE, e, Primitive.Embed.TEXTS.name());
        b.connect(e, Primitive.Embed.VECTORS.name(), o, Primitive.Output.VALUE);
        return b.build();
    }
}
