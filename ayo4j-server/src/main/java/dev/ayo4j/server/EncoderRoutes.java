package dev.ayo4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ayo4j.encoders.server.EncoderProtocol;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * The encoders on the server's port: OpenAI's {@code POST /v1/embeddings} and TEI's {@code POST /embed}
 * and {@code POST /rerank}, answered by the service's encoder pool through {@link EncoderProtocol}
 * (a 404 when the service has no encoders).
 */
final class EncoderRoutes {
    private final Runs runs;

    EncoderRoutes(Runs runs) {
        this.runs = runs;
    }

    List<Route> routes() {
        return List.of(Route.post("/v1/embeddings", (req, res) -> serve(req, res, EncoderProtocol::openAiEmbeddings)),
                Route.post("/embed", (req, res) -> serve(req, res, EncoderProtocol::embed)),
                Route.post("/rerank", (req, res) -> serve(req, res, EncoderProtocol::rerank)));
    }

    private interface Call {
        JsonNode apply(EncoderProtocol protocol, JsonNode body);
    }

    private void serve(ServerRequest req, ServerResponse res, Call call) {
        JsonNode body = Json.parseObject(Http.body(req, runs.limits().maxBodyBytes()));
        EncoderProtocol protocol = runs.service().encoders().orElseThrow(() -> ApiException.notFound(
                "no_encoders", null, "this server has no encoders"));
        Http.send(res, 200, call.apply(protocol, body));
    }

}
