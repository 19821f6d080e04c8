// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Checks;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.app.LangChain4jRag;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.server.AppService;
import dev.ayo4j.spi.Passage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replays a window of a real arrival trace, time-scaled to each of a sweep of mean rates, open-loop over
 * loopback HTTP against two systems on the same engines: (a) {@code ayo4j serve} ({@link AyoServer}) and (b)
 * the same app as {@code bench app}'s LangChain4j pipeline behind the same Helidon stack ({@link
 * LangChain4jService}); every request an OpenAI-style streamed chat completion of app {@value #APP} asking
 * a SciFact claim. Both systems first answer one question unmeasured, then {@code serialRequests} one at a
 * time (the baseline of the targets), then each rate, (a) before (b), with the same questions at the same
 * instants; each rate gets questions of its own, so no prompt cache holds a previous rate's. The server's
 * overhead per request is measured first, on no-op engines ({@link Overhead}).
 *
 * {@snippet lang=shell :
 * bin/ayo4j bench serve --rates 0.1,0.2,0.3 --requests 8 --out target/bench-serve
 * }
 */
public final class ServeBenchmark {
    /** Name of system (a). */
    public static final String AYO4J = "ayo4j-serve";
    /** Name of system (b). */
    public static final String LANGCHAIN4J = "langchain4j-helidon";
    /** The app every request calls (OpenAI's {@code model}). */
    public static final String APP = "advanced-rag";
    /** The collection both systems search. */
    public static final String CORPUS = "bench-corpus";
    /** The arrival pattern of the baseline rows. */
    public static final String ONE_AT_A_TIME = "one-at-a-time";

    /**
     * What to run.
     *
     * @param trace            the arrival trace (Azure LLM inference CSV)
     * @param traceStart       index of the window's first request in the trace
     * @param requests         requests per rate: the window's size
     * @param rates            mean rates to scale the window to, requests/s
     * @param serialRequests   requests of the one-at-a-time baseline, per system
     * @param slo              the latency SLO of the goodput
     * @param corpusPassages   passages of the corpus, ingested once by each system before anything is measured
     * @param overheadRequests requests per path of the overhead measurement
     * @param requestTimeout   how long the load generator waits for one response
     */
    public record Config(Path trace, int traceStart, int requests, List<Double> rates, int serialRequests, Duration slo,
                         int corpusPassages, int overheadRequests, Duration requestTimeout) {
        public Config {
            Objects.requireNonNull(trace, "trace");
            rates = List.copyOf(rates);
            Checks.argument(traceStart >= 0, "trace start must be >= 0: %s", traceStart);
            Checks.argument(requests >= 2, "requests must be >= 2 (a rate needs two arrivals): %s", requests);
            Checks.argument(!rates.isEmpty(), "at least one rate is needed");
            rates.forEach(r -> Checks.argument(r > 0 && Double.isFinite(r), "rates must be > 0: %s", r));
            Checks.argument(serialRequests > 0, "serial requests must be > 0: %s", serialRequests);
            Checks.argument(slo.isPositive(), "the SLO must be positive: %s", slo);
            Checks.argument(corpusPassages > 0, "corpus passages must be > 0: %s", corpusPassages);
            Checks.argument(overheadRequests > 0, "overhead requests must be > 0: %s", overheadRequests);
            Checks.argument(requestTimeout.isPositive(), "the request timeout must be positive: %s", requestTimeout);
        }
    }

    private final Config config;
    private final PrintStream log;

    public ServeBenchmark(Config config, PrintStream log) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs the benchmark on {@code stack} with {@code data}'s corpus and questions; with {@code traces}, system
     * (a)'s server writes every run's trace files there.
     */
    public ServeReport run(ServeStack stack, BenchData data, @Nullable TraceFiles traces) {
        ArrivalTrace window = ArrivalTrace.read(config.trace()).window(config.traceStart(), config.requests());
        log.printf(Locale.ROOT, "trace: %s, %.2f requests/s as recorded, %.1f s; replayed at %s requests/s%n",
                window.origin(), window.meanRate(), window.spanNanos() / 1e9, config.rates());

        Overhead overhead = overhead(config.overheadRequests(), log);

        List<Passage> corpus = data.corpus(config.corpusPassages());
        List<RateStats> rows = new ArrayList<>();
        List<ServeReport.RequestRow> requests = new ArrayList<>();
        log.printf("ingesting the corpus (%d passages) into ayo4j's collection and LangChain4j's in-memory store...%n",
                corpus.size());
        long t0 = System.nanoTime();
        try (AyoServer a = AyoServer.start(stack.openAyo4j(), CORPUS,
                corpus.stream().map(p -> new AppService.Upload(p.id(), p.text())).toList(), traces)) {
            long t1 = System.nanoTime();
            EmbeddingStore<TextSegment> store = LangChain4jRag.ingest(stack.langChain4jEmbeddings(), corpus);
            log.printf(Locale.ROOT, "   ayo4j %.1f s, LangChain4j %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            LangChain4jRag rag = new LangChain4jRag(Apps.advancedRagOverCollection(AppOptions.DEFAULT),
                    stack.langChain4jEmbeddings(), store);
            rag.begin(stack.langChain4jEngines());
            try (LangChain4jService b = new LangChain4jService(rag, APP, CORPUS);
                 ChatClient ca = new ChatClient(a.uri(), APP, config.requestTimeout());
                 ChatClient cb = new ChatClient(b.uri(), APP, config.requestTimeout())) {
                log.printf("(a) %s at %s, (b) %s at %s%n", AYO4J, a.uri(), LANGCHAIN4J, b.uri());
                List<String> warm = questions(data, config.serialRequests() + config.rates().size() * config.requests(), 1);
                log.println("warming up (one unmeasured request each)...");
                Replay.oneAtATime(ca, warm);
                Replay.oneAtATime(cb, warm);

                List<String> serial = questions(data, 0, config.serialRequests());
                log.printf("-- %s (%d requests)%n", ONE_AT_A_TIME, serial.size());
                record(rows, requests, AYO4J, ONE_AT_A_TIME, 0, Replay.oneAtATime(ca, serial));
                record(rows, requests, LANGCHAIN4J, ONE_AT_A_TIME, 0, Replay.oneAtATime(cb, serial));
                for (int k = 0; k < config.rates().size(); k++) {
                    double rate = config.rates().get(k);
                    List<Long> offsets = window.scaledTo(rate).offsets();
                    List<String> qs = questions(data, config.serialRequests() + k * config.requests(), config.requests());
                    String label = String.format(Locale.ROOT, "trace %s/s", rate);
                    log.printf(Locale.ROOT, "-- %s (%d requests over %.0f s)%n", label, qs.size(),
                            offsets.getLast() / 1e9);
                    record(rows, requests, AYO4J, label, rate, Replay.openLoop(ca, qs, offsets));
                    record(rows, requests, LANGCHAIN4J, label, rate, Replay.openLoop(cb, qs, offsets));
                }
            } finally {
                rag.end();
                rag.close();
            }
        }
        return new ServeReport(window.origin(), window.meanRate(), stack.describe(), APP, corpus.size(),
                config.slo().toNanos() / 1e6, overhead, rows, requests,
                ServeReport.Targets.of(rows, overhead, AYO4J, LANGCHAIN4J));
    }

    /** The server's overhead per request over {@code requests} calls per path (after as many warm-up calls, at most 50). */
    public static Overhead overhead(int requests, PrintStream log) {
        log.printf("overhead: %d requests through the ayo4j server and the front door on %s...%n", requests,
                Overhead.ENGINES);
        Overhead o = Overhead.measure(APP, requests, Math.min(50, requests));
        log.printf(Locale.ROOT, "   front door %.0f us; over HTTP: client round trip %.0f us, server's own time %.0f us "
                + "(medians): server overhead %.0f us per request, round trip overhead %.0f us (GET /health %.0f us); "
                + "CPU per request %.0f us direct, %.0f us over HTTP%n", o.directP50Us(), o.httpP50Us(), o.serverP50Us(),
                o.serverOverheadUs(), o.overheadUs(), o.healthP50Us(), o.directCpuUs(), o.httpCpuUs());
        return o;
    }

    private void record(List<RateStats> rows, List<ServeReport.RequestRow> requests, String system, String label,
                        double rate, List<RequestOutcome> outcomes) {
        RateStats s = RateStats.of(system, label, rate, outcomes, config.slo().toNanos());
        rows.add(s);
        outcomes.forEach(o -> requests.add(ServeReport.RequestRow.of(system, label, rate, o)));
        log.printf(Locale.ROOT, "   %-20s P50 %7.0f ms  P90 %7.0f ms  TTFT P50 %7.0f ms  %d ok, %d 429, %d failed%n",
                system, s.p50Ms(), s.p90Ms(), s.ttftP50Ms(), s.ok(), s.rejected(), s.failed());
        outcomes.stream().filter(o -> o.status() != RequestOutcome.Status.OK).limit(3)
                .forEach(o -> log.printf("      request %d: %s%n", o.index(), o.detail()));
    }

    /** {@code n} questions of {@code data} from index {@code from}, cycling. */
    private static List<String> questions(BenchData data, int from, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(data.questions().get((from + i) % data.questions().size()));
        }
        return out;
    }
}
