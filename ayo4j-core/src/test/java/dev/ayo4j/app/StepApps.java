// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.primitive.ValueKind;
import java.util.List;

/** Apps with user steps, shared by the tests of how steps lower and how the planner treats them. */
public final class StepApps {
    private StepApps() {}

    /**
     * App {@code name}: advanced-rag sized by {@code o}, with a filter step ({@code keep-recent}) between search
     * and rerank and a formatting step ({@code cite}) at the end.
     */
    public static App ragWithSteps(String name, AppOptions o) {
        return App.builder(name)
                .input(Apps.QUESTION.name(), ValueKind.TEXT)
                .input(Apps.PASSAGES.name(), ValueKind.PASSAGE_LIST)
                .then(new Module.Index("index", Apps.PASSAGES.name(), Apps.INDEX.name()))
                .then(new Module.ExpandQuery("expand", Apps.QUESTION.name(), o.expansions(), "queries"))
                .then(new Module.Search("search", "queries", Apps.INDEX.name(), o.searchK(), "candidates"))
                .then(new Module.Step("recent", "keep-recent", List.of("candidates"), ValueKind.PASSAGE_LIST,
                        "recent"))
                .then(new Module.Rerank("rerank", Apps.QUESTION.name(), "recent", o.rerankK(), Apps.CONTEXT.name()))
                .then(new Module.Generate("generate", Templates.ANSWER_FROM_CONTEXT, o.answerTokens(),
                        Apps.ANSWER.name()))
                .then(new Module.Step("format", "cite", List.of(Apps.ANSWER.name(), Apps.CONTEXT.name()),
                        ValueKind.TEXT, "formatted"))
                .output("formatted")
                .build();
    }
}
