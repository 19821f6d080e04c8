// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.StreamEvent;
import dev.ayo4j.server.AppService.AppInfo;
import dev.ayo4j.server.AppService.RunHandle;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * ayo4j's own run API: {@code POST /v1/apps/{app}/runs} (JSON, or with {@code Accept: text/event-stream}
 * the run as it happens: {@code primitive}, {@code token}, {@code sources}, then {@code done} or {@code
 * error}; {@code "optimize": false} runs the app's graph as lowered, with no pass, the baseline the
 * optimized run is compared against), {@code GET /v1/runs/{id}} and {@code /v1/runs/{id}/trace} from the
 * recent runs, {@code GET /v1/apps} and {@code GET /v1/apps/{app}/explain}.
 */
final class AppRoutes {
    private final Runs runs;

    AppRoutes(Runs runs) {
        this.runs = runs;
    }

    List<Route> routes() {
        return List.of(Route.get("/v1/apps", this::apps), Route.get("/v1/apps/{app}/explain", this::explain),
                Route.post("/v1/apps/{app}/runs", this::run), Route.get("/v1/runs/{id}", this::get),
                Route.get("/v1/runs/{id}/trace", this::trace));
    }

    private void apps(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (AppInfo a : runs.service().apps()) {
            ObjectNode n = data.addObject().put("id", a.name()).put("collection", a.collection());
            n.set("inputs", Json.MAPPER.valueToTree(a.inputs()));
            n.set("outputs", Json.MAPPER.valueToTree(a.outputs()));
        }
        Http.send(res, 200, out);
    }

    private void explain(ServerRequest req, ServerResponse res) {
        String app = req.path().pathParameters().get("app");
        Http.send(res, 200, Json.object().put("app", app).put("explain", runs.service().explain(app)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Http.send(res, 200, Runs.entry(runs.store().get(req.path().pathParameters().get("id"))));
    }

    private void trace(ServerRequest req, ServerResponse res) {
        Http.send(res, 200, Runs.trace(runs.store().get(req.path().pathParameters().get("id"))));
    }

    private void run(ServerRequest req, ServerResponse res) {
        String app = req.path().pathParameters().get("app");
        ObjectNode body = Json.parseObject(Http.body(req, runs.limits().maxBodyBytes()));
        String question = Json.string(body, "question");
        String collection = Json.optionalString(body, "collection");
        boolean stream = Json.bool(body, "stream", false) || Http.wantsEvents(req);
        boolean optimize = Json.bool(body, "optimize", true);
        if (!stream) {
            RunHandle h = runs.start(app, question, collection, optimize, _ -> { }, req);
            runs.respond(h, req, res, o -> Runs.outcome(h.id(), app, o).put("optimized", optimize));
            return;
        }
        RunPump pump = new RunPump();
        RunHandle h = runs.start(app, question, collection, optimize, pump, req);
        runs.stream(h, res, out -> {
            out.write("run", Json.object().put("id", h.id()).put("app", app).put("optimized", optimize));
            runs.pump(h, pump, out, e -> {
                ObjectNode p = Runs.primitive(e);
                if (p != null) {
                    out.write("primitive", p);
                } else if (e instanceof StreamEvent.AnswerToken t) {
                    out.write("token", Json.object().put("text", t.text()));
                }
            });
            try {
                Result o = runs.await(h);
                out.write("sources", Runs.sources(o));
                out.write("done", Runs.outcome(h.id(), app, o).put("optimized", optimize));
            } catch (EventStream.ClientGoneException gone) {
                throw gone;
            } catch (RuntimeException e) {
                out.write("error", Errors.body(Errors.toApi(e, req.path().path())));
            }
        });
    }
}
