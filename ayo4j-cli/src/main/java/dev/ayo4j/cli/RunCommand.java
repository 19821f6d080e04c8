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
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j run}: a RAG app over the user's own documents, unoptimized and optimized. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Answer a question over your documents with a RAG app, unoptimized and optimized, and "
                + "print the answer, its sources, both timelines and the speedup.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Option(names = "--app", defaultValue = "advanced-rag", description = "naive-rag or advanced-rag.")
    String appName;

    @Option(names = "--docs", required = true, description = "Folder of documents (.md, .txt, .rst, .adoc).")
    Path docs;

    @Option(names = "--question", required = true, description = "The question to answer.")
    String question;

    @Option(names = "--expansions", defaultValue = "3", description = "Expanded queries for advanced-rag.")
    int expansions;

    @Option(names = "--max-words", defaultValue = "" + Chunker.DEFAULT_MAX_WORDS,
            description = "Most words per passage; longer documents are cut.")
    int maxWords;

    @Override
    public Integer call() {
        var log = System.out;
        if (appName.equals("multi-call")) {
            throw new IllegalArgumentException("run answers over documents: use naive-rag or advanced-rag");
        }
        Corpus corpus = new CorpusLoader(new Chunker(maxWords)).load(docs);
        corpus.skipped().forEach(s -> log.printf("skipped %s: %s%n", s.name(), s.reason()));
        corpus.split().forEach(s -> log.printf("%s has %d words: cut into %d passages of at most %d words%n",
                s.name(), s.words(), s.passages(), maxWords));
        App app = Apps.byName(appName, AppOptions.DEFAULT.withExpansions(expansions)
                .withContextOrder(stackOptions.contextOrder.value)).withCollection(collection(docs));
        ResolvedModel model = stackOptions.resolveModel();
        log.printf("%s over %s: %d documents, %d passages%n", appName, docs, corpus.documents().size(),
                corpus.passages().size());
        log.println("LLM: " + model.description());
        try (LocalStack stack = LocalStack.open(stackOptions.stack(model))) {
            ComparisonReport.print(RagComparison.run(stack, app, corpus, question, stackOptions.deadline, log),
                    !model.meaningfulText(), log);
        }
        return 0;
    }

    /** One collection per documents folder: its name plus a digest of its absolute path. */
    static String collection(Path docs) {
        Path abs = docs.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "docs" : abs.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        return name + "-" + HexFormat.of().toHexDigits(abs.toString().hashCode());
    }
}
