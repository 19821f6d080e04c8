// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.server.AppService.CollectionInfo;
import dev.ayo4j.server.AppService.IngestReport;
import dev.ayo4j.server.AppService.Upload;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collections: {@code POST /v1/collections/{c}/documents} ({@code {"documents": [{"id", "text"}]}}, or text
 * files as {@code multipart/form-data} ({@link MultipartDocuments}); cut into passages as {@code ayo4j run
 * --docs} cuts files; idempotent by document id), {@code GET /v1/collections} and {@code DELETE
 * /v1/collections/{c}/documents/{id}}.
 *
 * <p>Documents are ingested in groups of {@value #GROUP}, each committed before the next starts: with
 * {@code Accept: text/event-stream} a {@code progress} event acknowledges each group once it is on disk,
 * so a client that loses the connection (or a server that is killed) leaves exactly the acknowledged
 * documents stored, and uploading again completes the rest without duplicating any.
 */
final class CollectionRoutes {
    /** Documents per committed group. */
    static final int GROUP = 16;

    private final Runs runs;
    private final RunGate gate;

    CollectionRoutes(Runs runs, RunGate gate) {
        this.runs = runs;
        this.gate = gate;
    }

    List<Route> routes() {
        return List.of(Route.get("/v1/collections", this::list),
                Route.post("/v1/collections/{collection}/documents", this::upload),
                Route.delete("/v1/collections/{collection}/documents/{+id}", this::delete));
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (CollectionInfo c : runs.service().collections()) {
            data.addObject().put("name", c.name()).put("passages", c.passages());
        }
        Http.send(res, 200, out);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String collection = Names.requireCollection(req.path().pathParameters().get("collection"));
        String id = Names.requireDocumentId(req.path().pathParameters().get("id"), "id");
        int deleted = runs.service().delete(collection, id);
        if (deleted == 0) {
            throw ApiException.notFound("document_not_found", "id", "collection '" + collection + "' has no document '"
                    + id + "'");
        }
        Http.send(res, 200, Json.object().put("collection", collection).put("id", id).put("deleted", true)
                .put("passages", deleted));
    }

    private void upload(ServerRequest req, ServerResponse res) {
        String collection = Names.requireCollection(req.path().pathParameters().get("collection"));
        List<Upload> docs = MultipartDocuments.isMultipart(req) ? MultipartDocuments.read(req, runs.limits())
                : documents(Json.parseObject(Http.body(req, runs.limits().maxUploadBytes())));
        boolean stream = Http.wantsEvents(req);
        gate.enter();
        try {
            if (!stream) {
                int passages = 0;
                for (int i = 0; i < docs.size(); i += GROUP) {
                    passages += ingest(collection, docs.subList(i, Math.min(docs.size(), i + GROUP))).passages();
                }
                Http.send(res, 200, Json.object().put("collection", collection).put("documents", docs.size())
                        .put("passages", passages));
                return;
            }
            try (EventStream out = new EventStream(res)) {
                int passages = 0;
                int done = 0;
                try {
                    for (int i = 0; i < docs.size(); i += GROUP) {
                        List<Upload> group = docs.subList(i, Math.min(docs.size(), i + GROUP));
                        passages += ingest(collection, group).passages();
                        done += group.size();
                        ObjectNode p = Json.object().put("collection", collection).put("documents", done)
                                .put("of", docs.size());
                        p.set("ids", Json.MAPPER.valueToTree(group.stream().map(Upload::id).toList()));
                        out.send("progress", p);
                    }
                } catch (EventStream.ClientGoneException e) {
                    throw e;
                } catch (RuntimeException e) {
                    out.send("error", Errors.body(Errors.toApi(e, req.path().path())));
                    return;
                }
                out.send("done", Json.object().put("collection", collection).put("documents", docs.size())
                        .put("passages", passages));
            } catch (EventStream.ClientGoneException gone) {
                // the groups acknowledged so far are stored; the client uploads the rest again
            }
        } finally {
            gate.leave();
        }
    }

    private IngestReport ingest(String collection, List<Upload> group) {
        return runs.service().ingest(collection, group);
    }

    private List<Upload> documents(JsonNode body) {
        JsonNode docs = body.get("documents");
        if (docs == null || !docs.isArray() || docs.isEmpty()) {
            throw ApiException.invalid("documents", "field 'documents' must be a non-empty array of "
                    + "{\"id\": ..., \"text\": ...}");
        }
        if (docs.size() > runs.limits().maxDocumentsPerUpload()) {
            throw ApiException.tooLarge("documents", "an upload may hold at most " + runs.limits().maxDocumentsPerUpload()
                    + " documents, not " + docs.size());
        }
        List<Upload> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            String param = "documents[" + i + "]";
            if (!d.isObject()) {
                throw ApiException.invalid(param, param + " must be an object, not " + Json.kind(d));
            }
            String id = Names.requireDocumentId(Json.string(d, "id"), param + ".id");
            if (!seen.add(id)) {
                throw ApiException.invalid(param + ".id", "document id '" + id + "' appears twice in the upload");
            }
            out.add(new Upload(id, Json.string(d, "text")));
        }
        return out;
    }
}
