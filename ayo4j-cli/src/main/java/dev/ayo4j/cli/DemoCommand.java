// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusCollection;
import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ResolvedModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ayo4j demo}: advanced-rag over the project's own guide, unoptimized then optimized. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Ingest the project's guide and answer a question with advanced-rag, unoptimized and "
                + "optimized, on the same embedded engines; print the answer, its sources, both timelines and "
                + "the speedup.")
final class DemoCommand implements Callable<Integer> {
    /** The source recorded for the demo's collection. */
    static final String GUIDE = "the bundled guide";
    static final String QUESTION = "How does ayo4j take the prefill of the answer prompt off the critical path?";

    @Mixin
    StackOptions stackOptions;

    /** {@code --question} or {@code --question-file}; without either, {@link #QUESTION}. */
    @Mixin
    QuestionOptions questionOptions;

    /** With engines named, the guide is ingested into collection demo-guide and advanced-rag answers once. */
    @Mixin
    EngineChoice engines;

    @Override
    public Integer call() {
        var log = System.out;
        String question = questionOptions.question(QUESTION, System.in);
        Corpus corpus = new CorpusLoader(new Chunker(Chunker.DEFAULT_MAX_WORDS)).of(GUIDE, BundledGuide.documents());
        if (engines.given()) {
            return new FrontDoorRun(engines, "advanced-rag", question, stackOptions.deadline).call(corpus,
                    GUIDE, "demo-guide", log);
        }
        App app = RagComparison.overCollection("advanced-rag",
                AppOptions.DEFAULT.withContextOrder(stackOptions.contextOrder.value));
        ResolvedModel model = stackOptions.resolveModel();
        LocalStackOptions options = stackOptions.stack(model, app);
        try (CorpusCollection collection = CorpusCollection.open(options.dataDir(), "demo-guide", GUIDE)) {
            log.printf("ayo4j demo: advanced-rag (3 expanded queries, top-20 search, rerank to top-3) over the"
                    + " project guide: %d documents, %d passages%n", corpus.documents().size(),
                    corpus.passages().size());
            log.println("LLM: " + model.description());
            log.printf("placement: LLM %d thread(s), each encoder %d thread(s)%n", stackOptions.threads.llmThreads,
                    stackOptions.threads.encoderThreads);
            log.println("question: " + (question.length() > 200 ? question.substring(0, 200) + "..." : question));
            CorpusSummary.runOnce(options, collection, corpus, app, question, stackOptions.deadline,
                    !model.meaningfulText(), log);
        }
        if (!model.meaningfulText()) {
            log.println("(The LLM has random weights, so the answer text is meaningless; timings are real.)");
        }
        return 0;
    }
}
