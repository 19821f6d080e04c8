// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rerank engine on a LangChain4j scoring model: one {@code scoreAll} call per task (the API scores the
 * passages of one query at a time), the passages then kept best first up to the primitive's top k, with
 * the model's scores.
 */
final class ScoringEngine extends ModelEngine {
    private final ScoringModel model;

    ScoringEngine(String name, Limits limits, ScoringModel model) {
        super(name, "scoring", limits, Set.of(Primitive.Rerank.class));
        this.model = model;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        return eachTask(batch, this::rerank);
    }

    private TaskResult rerank(Task t) {
        if (!(t.op() instanceof Primitive.Rerank op)) {
            throw new IllegalArgumentException("a scoring engine does not run " + t.op().kindName());
        }
        List<Passage> passages = t.input(Primitive.Rerank.PASSAGES);
        if (passages.isEmpty()) {
            return TaskResult.success(List.of());
        }
        Response<List<Double>> r = model.scoreAll(passages.stream().map(p -> TextSegment.from(p.text())).toList(),
                t.input(Primitive.Rerank.QUERY));
        if (r.content().size() != passages.size()) {
            throw new IllegalStateException(String.format("the model returned %d scores for %d passages",
                    r.content().size(), passages.size()));
        }
        List<Passage> scored = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            scored.add(passages.get(i).withScore(r.content().get(i)));
        }
        scored.sort(Passage.BEST_FIRST);
        return TaskResult.success(List.copyOf(scored.subList(0, Math.min(op.topK(), scored.size()))),
                r.tokenUsage() == null ? 0 : Failures.count(r.tokenUsage().inputTokenCount()), 0);
    }
}
