// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Checks;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.api.PreparedApp;
import dev.ayo4j.bench.Stats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The server's own cost per request: the same app on {@link NoOpStack no-op engines} called through
 * {@code POST /v1/chat/completions} (streamed, over loopback HTTP: the request's JSON, admission, the
 * collection check, metrics, the SSE chunks) and through the front door directly ({@code PreparedApp.stream}
 * on the same entry point), alternating, one at a time; the overhead is the difference of the medians. Then
 * each path alone again, for the process's CPU time per call, which other load on the machine does not
 * inflate as it does wall time.
 *
 * <p>The HTTP figure is a client's round trip: the load generator's own client (Java's {@code HttpClient})
 * and loopback are in it. So the server also times each request itself ({@code http.server.requests}, from
 * the request's first line received to the end of its response), and the server's overhead is that time
 * less the direct call's: what a request costs the server beyond the front door's own work.
 *
 * @param requests         measured requests per path
 * @param directP50Us      median time of a direct call, in microseconds
 * @param directP90Us      90th percentile of a direct call
 * @param httpP50Us        median time of a call over HTTP, to {@code data: [DONE]}: the client's round trip
 * @param httpP90Us        90th percentile of a call over HTTP
 * @param serverP50Us      median of the server's own time per HTTP call, as it measures it
 * @param serverP90Us      90th percentile of the server's own time
 * @param overheadUs       {@code httpP50Us - directP50Us}: the round trip's cost beyond a direct call, client
 *                         included
 * @param serverOverheadUs {@code serverP50Us - directP50Us}: the server's own cost beyond a direct call
 * @param healthP50Us      median time of a {@code GET /health} on the same server and client: the part of the
 *                         overhead that is loopback HTTP and the client itself, the floor of any route
 * @param directCpuUs      CPU time of this process per direct call (all threads), from a run of direct calls alone
 * @param httpCpuUs        CPU time of this process per call over HTTP, server and load generator together, from
 *                         a run of HTTP calls alone; unlike wall time, it does not grow when other processes hold
 *                         the cores
 */
public record Overhead(int requests, double directP50Us, double directP90Us, double httpP50Us, double httpP90Us,
                       double serverP50Us, double serverP90Us, double overheadUs, double serverOverheadUs,
                       double healthP50Us, double directCpuUs, double httpCpuUs) {
    /** What the figures were measured on. */
    public static final String ENGINES = "no-op engines (answer at once; overhead measurement only)";

    /** Measures {@code requests} calls per path after {@code warmUp} unmeasured ones of each. */
    static Overhead measure(String app, int requests, int warmUp) {
        Checks.argument(requests > 0 && warmUp >= 0, "requests must be > 0 and warm-up >= 0: %s, %s", requests, warmUp);
        NoOpStack stack = new NoOpStack();
        Ayo4j ayo = stack.openAyo4j();
        PreparedApp direct = ayo.prepare(app);
        List<Double> directUs = new ArrayList<>();
        List<Double> httpUs = new ArrayList<>();
        List<Double> healthUs = new ArrayList<>();
        List<Double> serverUs = new ArrayList<>();
        double directCpu;
        double httpCpu;
        try (AyoServer server = AyoServer.start(ayo, NoOpStack.COLLECTION, List.of(), null);
             ChatClient client = new ChatClient(server.uri(), app, Duration.ofSeconds(30))) {
            for (int i = 0; i < warmUp + requests; i++) {
                String q = "question " + i;
                long t0 = System.nanoTime();
                direct.stream(Inputs.question(q).collection(NoOpStack.COLLECTION), _ -> { }).join();
                long[] timed = server.chatTime();
                long t1 = System.nanoTime();
                RequestOutcome o = client.ask(i, q, t1, 0);
                long t2 = System.nanoTime();
                long serverNanos = timedSince(server, timed);
                int health = client.get("/health");
                long t3 = System.nanoTime();
                if (o.status() != RequestOutcome.Status.OK || health != 200) {
                    throw new IllegalStateException("the no-op server failed a request: " + o.detail() + ", /health " + health);
                }
                if (i >= warmUp) {
                    directUs.add((t1 - t0) / 1e3);
                    httpUs.add((t2 - t1) / 1e3);
                    healthUs.add((t3 - t2) / 1e3);
                    serverUs.add(serverNanos / 1e3);
                }
            }
            directCpu = cpuPerCall(requests, i -> direct.stream(Inputs.question("cpu " + i)
                    .collection(NoOpStack.COLLECTION), _ -> { }).join());
            httpCpu = cpuPerCall(requests, i -> client.ask(i, "cpu " + i, System.nanoTime(), 0));
        }
        double d50 = Stats.percentile(directUs, 50);
        double h50 = Stats.percentile(httpUs, 50);
        double s50 = Stats.percentile(serverUs, 50);
        return new Overhead(requests, d50, Stats.percentile(directUs, 90), h50, Stats.percentile(httpUs, 90), s50,
                Stats.percentile(serverUs, 90), h50 - d50, s50 - d50, Stats.percentile(healthUs, 50), directCpu,
                httpCpu);
    }

    /**
     * The server's own time for the one chat request since its timer read {@code before}; waits for the server
     * to record it, which it does once the handler has written the response (a stream's 5-byte closing chunk
     * follows).
     */
    private static long timedSince(AyoServer server, long[] before) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (true) {
            long[] now = server.chatTime();
            if (now[0] > before[0]) {
                Checks.state(now[0] == before[0] + 1, "the server timed %s chat requests, not one", now[0] - before[0]);
                return now[1] - before[1];
            }
            Checks.state(System.nanoTime() < until, "the server did not time its chat request within 5 s");
            Thread.onSpinWait();
        }
    }

    /** This process's CPU time per call of {@code n} calls of {@code call}, in microseconds. */
    private static double cpuPerCall(int n, IntConsumer call) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        for (int i = 0; i < n; i++) {
            call.accept(i);
        }
        return (os.getProcessCpuTime() - before) / 1e3 / n;
    }
}
