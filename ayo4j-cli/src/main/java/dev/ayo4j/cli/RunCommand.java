// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.api.AppFiles;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusCollection;
import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ResolvedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j run}: a RAG app over the user's own documents, unoptimized and optimized. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Answer a question over your documents with a RAG app, unoptimized and optimized, and "
                + "print the answer, its sources, both timelines and the speedup. The folder's collection is "
                + "brought up to date with the folder first: new and changed passages are embedded, those of "
                + "deleted or shortened documents removed.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Option(names = "--app", defaultValue = "advanced-rag",
            description = "naive-rag, advanced-rag, or an app file (.yaml) with --engines.")
    String appName;

    /** With engines named, the documents are ingested into a collection and the app answers once over it. */
    @Mixin
    EngineChoice engines;

    @Option(names = "--docs", required = true, description = "Folder of documents (.md, .txt, .rst, .adoc).")
    Path docs;

    @Mixin
    QuestionOptions questionOptions;

    @Option(names = "--expansions", defaultValue = "3", description = "Expanded queries for advanced-rag.")
    int expansions;

    @Option(names = "--max-words", defaultValue = "" + Chunker.DEFAULT_MAX_WORDS,
            description = "Most words per passage; longer documents are cut.")
    int maxWords;

    @Override
    public Integer call() {
        var log = System.out;
        String question = questionOptions.question(null, System.in);
        if (engines.given()) {
            if (expansions != 3) {
                throw new IllegalArgumentException("--expansions sets the embedded run's app; with --engines give an "
                        + "app file (--app FILE.yaml) with its own options");
            }
            return new FrontDoorRun(engines, appName, question, stackOptions.deadline).call(
                    new CorpusLoader(new Chunker(maxWords)).load(docs), docs.toString(),
                    CorpusCollection.nameOf(docs), log);
        }
        if (AppFiles.isAppFile(appName)) {
            throw new IllegalArgumentException("an app file runs through an engine file: add --engines FILE");
        }
        App app = RagComparison.overCollection(appName, AppOptions.DEFAULT.withExpansions(expansions)
                .withContextOrder(stackOptions.contextOrder.value));
        Corpus corpus = new CorpusLoader(new Chunker(maxWords)).load(docs);
        CorpusSummary.print(corpus, maxWords, log);
        ResolvedModel model = stackOptions.resolveModel();
        LocalStackOptions options = stackOptions.stack(model, app);
        try (CorpusCollection collection = CorpusCollection.forFolder(options.dataDir(), docs)) {
            log.printf("%s over %s: %d documents, %d passages%n", appName, docs, corpus.documents().size(),
                    corpus.passages().size());
            log.println("LLM: " + model.description());
            CorpusSummary.runOnce(options, collection, corpus, app, question, stackOptions.deadline,
                    !model.meaningfulText(), log);
        }
        return 0;
    }
}
