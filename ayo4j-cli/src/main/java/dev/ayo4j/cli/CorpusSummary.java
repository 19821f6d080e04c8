// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.App;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusCollection;
import dev.ayo4j.local.IngestProgress;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;

/** What {@code run} and {@code demo} tell people about a corpus, and their one ingestion before the runs. */
final class CorpusSummary {
    /** Skipped files are listed one per line up to this many, then counted. */
    static final int LISTED = 10;

    private CorpusSummary() {}

    /** Files skipped (with the reason) and one line for all documents cut into several passages. */
    static void print(Corpus corpus, int maxWords, PrintStream log) {
        var skipped = corpus.skipped();
        for (int i = 0; i < Math.min(LISTED, skipped.size()); i++) {
            log.printf("skipped %s: %s%n", skipped.get(i).name(), skipped.get(i).reason());
        }
        if (skipped.size() > LISTED) {
            log.printf("... and %d more files skipped%n", skipped.size() - LISTED);
        }
        var split = corpus.split();
        if (!split.isEmpty()) {
            var longest = split.stream().max(Comparator.comparingInt(Corpus.Split::words)).orElseThrow();
            int passages = split.stream().mapToInt(Corpus.Split::passages).sum();
            log.printf(Locale.ROOT, "%s longer than %d words cut into %,d passages (longest: %s, %,d words)%n",
                    split.size() == 1 ? "1 document" : String.format(Locale.ROOT, "%,d documents", split.size()),
                    maxWords, passages, longest.name(), longest.words());
        }
    }

    /**
     * Opens the engines, brings {@code collection} up to date with {@code corpus} once, then compares the
     * unoptimized and optimized runs of {@code app} over it and prints the report.
     */
    static void runOnce(LocalStackOptions options, CorpusCollection collection, Corpus corpus, App app,
                        String question, Duration deadline, boolean synthetic, PrintStream log) {
        try (LocalStack stack = LocalStack.open(options)) {
            long t0 = System.nanoTime();
            CorpusCollection.Sync sync = collection.sync(stack, corpus, IngestProgress.forStderr(), deadline);
            log.printf(Locale.ROOT, "collection %s: %,d passages (%,d embedded in %.1f s, %,d unchanged, %,d removed)%n",
                    collection.name(), corpus.passages().size(), sync.embedded(), (System.nanoTime() - t0) / 1e9,
                    sync.kept(), sync.deleted());
            ComparisonReport.print(RagComparison.run(stack, app.withCollection(collection.name()), question, deadline,
                    log), synthetic, log);
        }
    }
}
