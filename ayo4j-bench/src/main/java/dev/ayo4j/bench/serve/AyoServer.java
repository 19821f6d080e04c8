// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.server.AppService;
import dev.ayo4j.server.AppServices;
import dev.ayo4j.server.Ayo4jServer;
import java.net.URI;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * System (a): the real {@code ayo4j serve} in this process, {@link Ayo4jServer} on a free loopback port with
 * the same service {@code bin/ayo4j serve} builds: the front door's apps with their metrics (Prometheus at
 * {@code /metrics}, HTTP timings) and, when given, every run's trace files. Owns the entry point it serves.
 */
final class AyoServer implements AutoCloseable {
    private final Ayo4jServer server;
    private final AppService service;
    private final Observability observability;

    private AyoServer(Ayo4jServer server, AppService service, Observability observability) {
        this.server = server;
        this.service = service;
        this.observability = observability;
    }

    /**
     * The server's own time on the chat route so far, as it measures it ({@link Ayo4jServer#HTTP_REQUESTS}:
     * from a request's first line received to the end of its response): requests timed and their total
     * nanoseconds.
     */
    long[] chatTime() {
        long count = 0;
        double nanos = 0;
        for (Timer t : observability.registry().find(Ayo4jServer.HTTP_REQUESTS).tag("uri", "/v1/chat/completions")
                .timers()) {
            count += t.count();
            nanos += t.totalTime(TimeUnit.NANOSECONDS);
        }
        return new long[] {count, Math.round(nanos)};
    }

    /**
     * Serves {@code ayo} (which it then owns) with {@code collection} as the default collection, after
     * {@code corpus} (possibly empty) has been ingested into it; returns once the server is ready.
     */
    static AyoServer start(Ayo4j ayo, String collection, List<AppService.Upload> corpus, @Nullable TraceFiles traces) {
        Observability obs = Observability.prometheus();
        AppService service;
        try {
            service = AppServices.of(ayo, collection, obs, traces);
        } catch (RuntimeException e) {
            ayo.close();
            obs.close();
            throw e;
        }
        try {
            if (!corpus.isEmpty()) {
                service.ingest(collection, corpus);
            }
            Ayo4jServer server = Ayo4jServer.builder().host("127.0.0.1").port(0).metrics(obs::scrape)
                    .httpMetrics(obs.registry()).service(() -> service).closeAfter(obs).build().start();
            long until = System.nanoTime() + 60_000_000_000L;
            while (!server.isReady()) {
                if (System.nanoTime() > until) {
                    server.close();
                    throw new Ayo4jException("the ayo4j server did not become ready within 60 s");
                }
                LockSupport.parkNanos(5_000_000);
            }
            return new AyoServer(server, service, obs);
        } catch (RuntimeException e) {
            service.close();
            obs.close();
            throw e;
        }
    }

    URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }
}
