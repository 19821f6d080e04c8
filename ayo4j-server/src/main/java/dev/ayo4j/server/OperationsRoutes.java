// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an operator watches, for the console's operations view: {@code GET /v1/runs} (the recent runs,
 * newest first, those in flight among them), {@code GET /v1/engines} (each engine's queue, batches in
 * flight and busy fraction), {@code GET /v1/stats} (runs by outcome, latency percentiles over the last
 * minute, the host's CPU and memory) and {@code GET /v1/reports} with {@code /v1/reports/{name}} (the
 * analytics reports of the folder given to {@code serve --reports}).
 */
final class OperationsRoutes {
    /** Runs {@code GET /v1/runs} lists when the request sets no {@code limit}. */
    static final int DEFAULT_LIMIT = 50;

    private final Runs runs;
    private final RunStats stats;
    private final EngineLoads engines = new EngineLoads();
    private final @Nullable HostLoad host;
    private final Reports reports;

    OperationsRoutes(Runs runs, RunStats stats, @Nullable HostLoad host, Reports reports) {
        this.runs = runs;
        this.stats = stats;
        this.host = host;
        this.reports = reports;
    }

    List<Route> routes() {
        return List.of(Route.get("/v1/runs", this::list), Route.get("/v1/engines", this::engines),
                Route.get("/v1/stats", this::stats), Route.get("/v1/reports", this::reports),
                Route.get("/v1/reports/{name}", this::report));
    }

    private void list(ServerRequest req, ServerResponse res) {
        int capacity = runs.store().capacity();
        int limit = DEFAULT_LIMIT;
        if (req.query().contains("limit")) {
            String raw = req.query().get("limit");
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > capacity) {
                throw ApiException.invalid("limit", "limit must be a whole number from 1 to " + capacity
                        + " (the runs this server keeps), not '" + Names.abbreviate(raw) + "'");
            }
        }
        long now = System.currentTimeMillis();
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        runs.store().recent(limit).forEach(e -> data.add(Runs.summary(e, now)));
        Http.send(res, 200, out);
    }

    private void engines(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("object", "list");
        out.set("data", engines.json(runs.service().engineLoads()));
        Http.send(res, 200, out);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("time", Instant.now().toString());
        stats.writeTo(out, runs.store().running().size());
        if (host != null) {
            host.writeTo(out);
        } else {
            out.putNull("host");
        }
        Http.send(res, 200, out);
    }

    private void reports(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("object", "list");
        out.put("directory", reports.dir() == null ? null : reports.dir().toString());
        ArrayNode data = out.putArray("data");
        for (Reports.Report r : reports.list()) {
            data.addObject().put("name", r.name()).put("bytes", r.bytes()).put("modified", r.modified().toString());
        }
        Http.send(res, 200, out);
    }

    private void report(ServerRequest req, ServerResponse res) {
        byte[] html = reports.read(req.path().pathParameters().get("name"));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html);
    }
}
