// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.server.EncoderServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Meters of an encoder pool, read from its statistics at each scrape: tokens that carried text and tokens
 * the batches were padded to (their ratio is Arlo's figure of wasted compute), batches, queue depth, live
 * members, members per length bin and their re-allocations; and the server's requests by route.
 */
final class EncoderPoolMeters {
    private EncoderPoolMeters() {
    }

    /**
     * Times each request the server answered into {@code http.server.requests} by method, route and status: the
     * name and labels {@code ayo4j serve} uses ({@code http_server_requests_seconds} in Prometheus).
     */
    static EncoderServer.RequestListener http(MeterRegistry registry) {
        return (method, route, status, nanos) -> Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tags("method", method, "uri", route, "status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    static void bind(EncoderPool pool, MeterRegistry registry) {
        String name = pool.model();
        FunctionCounter.builder("ayo4j.encoder.tokens", pool, p -> p.stats().usefulTokens())
                .description("tokens of text encoded").tags("ayo4j.encoder", name, "type", "useful").register(registry);
        FunctionCounter.builder("ayo4j.encoder.tokens", pool, p -> p.stats().paddedTokens())
                .description("tokens encoded, padding included").tags("ayo4j.encoder", name, "type", "padded")
                .register(registry);
        FunctionCounter.builder("ayo4j.encoder.batches", pool, p -> p.stats().batches()).description("batches run")
                .tag("ayo4j.encoder", name).register(registry);
        FunctionCounter.builder("ayo4j.encoder.reallocations", pool, p -> p.stats().reallocations())
                .description("re-allocations of members to length bins that moved at least one member")
                .tag("ayo4j.encoder", name).register(registry);
        FunctionCounter.builder("ayo4j.encoder.bin.moves", pool, p -> p.stats().memberMoves())
                .description("members moved to another length bin by re-allocation").tag("ayo4j.encoder", name)
                .register(registry);
        Gauge.builder("ayo4j.encoder.queue.depth", pool, p -> p.stats().queued()).description("texts waiting")
                .tag("ayo4j.encoder", name).register(registry);
        Gauge.builder("ayo4j.encoder.members.live", pool, p -> p.stats().live()).description("members able to serve")
                .tag("ayo4j.encoder", name).register(registry);
        int bins = pool.stats().membersPerBin().size();
        for (int b = 0; b < bins; b++) {
            int bin = b;
            Gauge.builder("ayo4j.encoder.bin.members", pool, p -> p.stats().membersPerBin().get(bin))
                    .description("members serving each length bin (re-allocated from the length histogram)")
                    .tags("ayo4j.encoder", name, "bin", Integer.toString(bin)).register(registry);
        }
    }
}
