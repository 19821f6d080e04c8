// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.StreamEvent;
import dev.ayo4j.server.AppService.AppInfo;
import dev.ayo4j.server.AppService.RunHandle;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's chat API over the apps: {@code POST /v1/chat/completions} with {@code model} = the app's name
 * and the last user message as the question, plain or {@code stream: true} (chunks ending in {@code data:
 * [DONE]}), with {@code usage}; {@code GET /v1/models} lists the apps. Sampling parameters
 * ({@code temperature}, {@code max_tokens}, ...) are accepted and ignored: the app decides how it
 * generates.
 */
final class OpenAiRoutes {
    private final Runs runs;
    private final long created = System.currentTimeMillis() / 1000;

    OpenAiRoutes(Runs runs) {
        this.runs = runs;
    }

    List<Route> routes() {
        return List.of(Route.post("/v1/chat/completions", this::chat), Route.get("/v1/models", this::models));
    }

    private void models(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (AppInfo a : runs.service().apps()) {
            data.addObject().put("id", a.name()).put("object", "model").put("created", created)
                    .put("owned_by", "ayo4j");
        }
        Http.send(res, 200, out);
    }

    private void chat(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.parseObject(Http.body(req, runs.limits().maxBodyBytes()));
        String model = Json.string(body, "model");
        String question = lastUserMessage(body);
        boolean stream = Json.bool(body, "stream", false);
        boolean includeUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        AppInfo app = runs.service().app(model);
        if (!stream) {
            RunHandle h = runs.start(model, question, null, _ -> { }, req);
            runs.respond(h, req, res, o -> {
                ObjectNode out = head(h.id(), model, "chat.completion");
                out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                        .putObject("message").put("role", "assistant").put("content", o.answer());
                out.set("usage", usage(o, app));
                return out;
            });
            return;
        }
        RunPump pump = new RunPump(false); // the chat stream shows the answer only
        RunHandle h = runs.start(model, question, null, pump, req);
        runs.stream(h, res, out -> {
            out.write(null, chunk(h.id(), model, Json.object().put("role", "assistant").put("content", ""), null));
            runs.pump(h, pump, out, e -> {
                if (e instanceof StreamEvent.AnswerToken t) {
                    out.write(null, chunk(h.id(), model, Json.object().put("content", t.text()), null));
                }
            });
            Result o;
            try {
                o = runs.await(h);
            } catch (RuntimeException e) {
                out.write(null, Errors.body(Errors.toApi(e, req.path().path())));
                out.write(null, "[DONE]");
                return;
            }
            out.write(null, chunk(h.id(), model, Json.object(), "stop"));
            if (includeUsage) {
                ObjectNode last = head(h.id(), model, "chat.completion.chunk");
                last.putArray("choices");
                last.set("usage", usage(o, app));
                out.write(null, last);
            }
            out.write(null, "[DONE]");
        });
    }

    /** The text of the last message whose role is {@code user}. */
    private static String lastUserMessage(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw ApiException.invalid("messages", "field 'messages' is required and must be an array of messages");
        }
        if (messages.isEmpty()) {
            throw ApiException.invalid("messages", "field 'messages' must hold at least one message");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw ApiException.invalid("messages[" + i + "]", "messages[" + i + "] must be an object, not "
                        + Json.kind(m));
            }
            String role = Json.string(m, "role");
            if (role.equals("user")) {
                return text(m.get("content"), "messages[" + i + "].content");
            }
        }
        throw ApiException.invalid("messages", "no message has role 'user': the last user message is the question");
    }

    /** A message's content: a string, or an array of parts whose {@code text} parts are joined. */
    private static String text(JsonNode content, String param) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw ApiException.invalid(param, param + " may hold only text parts ({\"type\": \"text\", "
                            + "\"text\": ...})");
                }
                sb.append(sb.isEmpty() ? "" : "\n").append(part.get("text").asText());
            }
            return sb.toString();
        }
        throw ApiException.invalid(param, param + " must be a string or an array of text parts");
    }

    private ObjectNode head(String runId, String model, String object) {
        return Json.object().put("id", "chatcmpl-" + runId).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private ObjectNode chunk(String runId, String model, ObjectNode delta, @Nullable String finish) {
        ObjectNode c = head(runId, model, "chat.completion.chunk");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return c;
    }

    private static ObjectNode usage(Result o, AppInfo app) {
        int[] u = Runs.usage(o, app.llms());
        return Json.object().put("prompt_tokens", u[0]).put("completion_tokens", u[1]).put("total_tokens", u[0] + u[1]);
    }
}
