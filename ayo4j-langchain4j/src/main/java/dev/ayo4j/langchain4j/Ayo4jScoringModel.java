// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Passage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link ScoringModel} backed by an ayo4j rerank engine (a cross-encoder or the
 * embedding-similarity reranker). {@code scoreAll} sends one {@code Rerank} task of all segments against
 * the query and returns the scores in the segments' order. Thread-safe.
 */
public final class Ayo4jScoringModel implements ScoringModel {
    private final EngineCalls calls;

    private Ayo4jScoringModel(Engine engine) {
        this.calls = new EngineCalls(engine, "lc4j-score");
    }

    /** A scoring model on {@code engine}, which must serve {@code Rerank}. */
    public static Ayo4jScoringModel of(Engine engine) {
        return new Ayo4jScoringModel(engine);
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        List<Passage> passages = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            passages.add(Passage.of(Integer.toString(i), segments.get(i).text()));
        }
        var op = new Primitive.Rerank(calls.engine().name(), passages.size(), passages.size());
        var s = calls.call(op, Map.of(Primitive.Rerank.QUERY.name(), query, Primitive.Rerank.PASSAGES.name(), passages), _ -> {});
        @SuppressWarnings("unchecked")
        List<Passage> scored = (List<Passage>) s.value();
        Map<String, Double> byId = new HashMap<>();
        scored.forEach(p -> byId.put(p.id(), p.score()));
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Double score = byId.get(Integer.toString(i));
            if (score == null) {
                throw new ModelCallException("engine " + calls.engine().name() + " returned no score for segment "
                        + i + " of " + segments.size());
            }
            scores.add(score);
        }
        return Response.from(scores);
    }

    @Override
    public String toString() {
        return "Ayo4jScoringModel(" + calls.engine().name() + ")";
    }
}
