// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.cli.BundledGuide;
import dev.ayo4j.local.Document;
import java.nio.file.Path;
import java.util.List;

/** The project's guide bundled in the command-line jar: the benchmark's corpus when no dataset is found. */
final class GuideDocuments {
    /** Questions about the guide, used with it. */
    static final List<String> QUESTIONS = List.of(
            "How does ayo4j take the prefill of the answer prompt off the critical path?",
            "Which passes does the planner apply and in what order?",
            "How are embedding batches formed for padding-sensitive encoders?",
            "What happens when an expanded query item never closes in the token stream?");

    private GuideDocuments() {}

    static List<Document> load() {
        return BundledGuide.documents();
    }

    /**
     * Up to {@code passages} passages and the questions of the BEIR data set in {@code dataset}; if it is absent,
     * of the guide, with {@link #QUESTIONS}.
     */
    static BenchData benchData(Path dataset, int passages) {
        return BenchData.load(dataset, passages, load(), QUESTIONS);
    }
}
