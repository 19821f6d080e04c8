// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.models.ResolvedModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j demo}: advanced-rag over the project's own guide, unoptimized then optimized. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Ingest the project's guide and answer a question with advanced-rag, unoptimized and "
                + "optimized, on the same embedded engines; print the answer, its sources, both timelines and "
                + "the speedup.")
final class DemoCommand implements Callable<Integer> {
    static final String QUESTION = "How does ayo4j take the prefill of the answer prompt off the critical path?";

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--question", defaultValue = QUESTION, description = "Question to answer.")
    String question;

    @Override
    public Integer call() {
        var log = System.out;
        Corpus corpus = new CorpusLoader(new Chunker(Chunker.DEFAULT_MAX_WORDS)).of("the bundled guide",
                BundledGuide.documents());
        App app = Apps.advancedRag(AppOptions.DEFAULT.withContextOrder(stackOptions.contextOrder.value))
                .withCollection("demo-guide");
        ResolvedModel model = stackOptions.resolveModel();
        log.printf("ayo4j demo: advanced-rag (3 expanded queries, top-20 search, rerank to top-3) over the project"
                + " guide: %d documents, %d passages%n", corpus.documents().size(), corpus.passages().size());
        log.println("LLM: " + model.description());
        log.printf("placement: LLM %d thread(s), each encoder %d thread(s)%n", stackOptions.llmThreads,
                stackOptions.encoderThreads);
        log.println("question: " + question);
        try (LocalStack stack = LocalStack.open(stackOptions.stack(model))) {
            ComparisonReport.print(RagComparison.run(stack, app, corpus, question, stackOptions.deadline, log),
                    !model.meaningfulText(), log);
        }
        if (!model.meaningfulText()) {
            log.println("(The LLM has random weights, so the answer text is meaningless; timings are real.)");
        }
        return 0;
    }
}
