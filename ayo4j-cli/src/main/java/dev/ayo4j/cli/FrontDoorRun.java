// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.api.AppFiles;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.CollectionCatalog;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.api.PreparedApp;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.Source;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.runtime.trace.Timeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ayo4j run|demo --engines FILE}: the engines of an engine file through the {@link Ayo4j} entry
 * point; the documents are ingested into a collection (idempotent), then the app answers once.
 */
final class FrontDoorRun {
    private static final int BAR_WIDTH = 60;

    private final EngineChoice engines;
    private final String app;
    private final String question;
    private final Duration deadline;

    FrontDoorRun(EngineChoice engines, String app, String question, Duration deadline) {
        this.engines = engines;
        this.app = app;
        this.question = question;
        this.deadline = deadline;
    }

    /** Ingests {@code corpus} (from {@code origin}) into {@code collection}, then answers over it. */
    int call(Corpus corpus, String origin, String collection, PrintStream log) {
        corpus.skipped().forEach(s -> log.printf("skipped %s: %s%n", s.name(), s.reason()));
        try (Ayo4j ayo = engines.builder().deadline(deadline).build()) {
            ayo.engines().forEach(e -> log.printf("engine %s: %s %s%n", e.name(), e.provider(), e.roles()));
            CollectionCatalog.IngestReport ingested = ayo.collections().ingest(collection, corpus.documents());
            log.printf("%s: %d documents, %d passages ingested into collection %s%n", origin, ingested.documents(),
                    ingested.passages(), collection);
            PreparedApp prepared = AppFiles.isAppFile(app) ? ayo.prepare(Path.of(app))
                    : ayo.prepare(app);
            Result r = prepared.run(Inputs.question(question).collection(collection));
            log.printf(Locale.ROOT, "%n== %s (run %s): %.2f s end to end, critical path %.2f s, lower bound %.2f s%n",
                    prepared.name(), r.runId(), r.endToEndNanos() / 1e9, r.criticalPathNanos() / 1e9,
                    r.lowerBoundNanos() / 1e9);
            log.print(Timeline.render(r.trace(), BAR_WIDTH));
            log.printf("%nAnswer:%n  %s%n", r.answer().strip().replace("\n", "\n  "));
            log.println("Sources (best first):");
            int i = 1;
            for (Source s : r.sources()) {
                String excerpt = s.text().replaceAll("\\s+", " ");
                log.printf(Locale.ROOT, "  [%d] %s  (score %.3f)  \"%s\"%n", i++, s.id(), s.score(),
                        excerpt.length() > 90 ? excerpt.substring(0, 87) + "..." : excerpt);
            }
        }
        return 0;
    }
}
