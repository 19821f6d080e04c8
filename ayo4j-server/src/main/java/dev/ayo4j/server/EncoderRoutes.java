// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.encoders.server.EncoderProtocol.Endpoint;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;

/**
 * The encoders on the server's port: every {@link Endpoint} of {@link EncoderProtocol} (OpenAI's {@code POST
 * /v1/embeddings}, TEI's {@code POST /embed} and {@code POST /rerank}), answered by the service's encoder pool
 * through the protocol, which applies its own limits (texts per request, request timeout) after the server's
 * body limit; a 404 when the service has no encoders.
 */
final class EncoderRoutes {
    private final Runs runs;

    EncoderRoutes(Runs runs) {
        this.runs = runs;
    }

    List<Route> routes() {
        return Arrays.stream(Endpoint.values()).map(e -> Route.post(e.path(), (req, res) -> serve(req, res, e)))
                .toList();
    }

    private void serve(ServerRequest req, ServerResponse res, Endpoint endpoint) {
        byte[] body = Http.body(req, runs.limits().maxBodyBytes());
        EncoderProtocol protocol = runs.service().encoders().orElseThrow(() -> ApiException.notFound(
                "no_encoders", null, "this server has no encoders"));
        Http.send(res, 200, protocol.answer(endpoint, body));
    }
}
