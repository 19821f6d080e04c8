package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.encoders.pool.EncoderPool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The embedding protocols of an {@link EncoderPool}, independent of any HTTP server: Hugging Face TEI's
 * {@code /embed} and {@code /rerank} and OpenAI's {@code /v1/embeddings}, each a function from the parsed
 * request body to the response body. {@link EncoderServer} and the ayo4j server both answer through it, so
 * the wire format lives in one place.
 *
 * <ul>
 *   <li>{@link #embed} {@code {"inputs": "..." | [...], "normalize": true, "truncate": true}} →
 *       {@code [[...], ...]} (TEI). {@code truncate} defaults to the server's setting; {@code normalize: false}
 *       is refused (unit vectors only).</li>
 *   <li>{@link #rerank} {@code {"query": "...", "texts": [...], "return_text": false}} →
 *       {@code [{"index": i, "score": s}, ...]} best first (TEI); the score is the cosine of the two
 *       embeddings.</li>
 *   <li>{@link #openAiEmbeddings} {@code {"input": "..." | [...], "model": "...", "encoding_format":
 *       "float" | "base64"}} → {@code {"object": "list", "data": [...], "model": ..., "usage": {...}}} (OpenAI).
 *       Token-id inputs are refused.</li>
 * </ul>
 *
 * <p>A request that is the client's mistake throws {@link ProtocolException} with the status to answer;
 * the pool's own exceptions ({@code InvalidTextException}, {@code TextTooLongException},
 * {@code OverloadedException}) pass through for the server's error mapping. Thread-safe; calls block until
 * the pool answers.
 */
public final class EncoderProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EncoderPool pool;
    private final boolean truncateByDefault;

    /** The protocols over {@code pool}; {@code truncateByDefault} applies to requests that do not say. */
    public EncoderProtocol(EncoderPool pool, boolean truncateByDefault) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.truncateByDefault = truncateByDefault;
    }

    /** The pool served. */
    public EncoderPool pool() {
        return pool;
    }

    /** A client's mistake in a request body, to be answered with {@link #status()}. */
    public static final class ProtocolException extends dev.ayo4j.Ayo4jException {
        private final int status;

        public ProtocolException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status to answer with (405, 413 or 422). */
        public int status() {
            return status;
        }
    }

    /** TEI {@code POST /embed}. */
    public JsonNode embed(JsonNode req) {
        List<String> texts = strings(req, "inputs", true);
        if (!req.path("normalize").asBoolean(true)) {
            throw new ProtocolException(422, "normalize=false is not supported: this server returns unit vectors only");
        }
        List<float[]> vectors = pool.embed(texts, truncate(req));
        ArrayNode out = JSON.createArrayNode();
        vectors.forEach(v -> out.add(vector(v)));
        return out;
    }

    /** TEI {@code POST /rerank}. */
    public JsonNode rerank(JsonNode req) {
        JsonNode query = req.get("query");
        if (query == null || !query.isTextual()) {
            throw new ProtocolException(422, "field 'query' must be a string");
        }
        List<String> texts = strings(req, "texts", false);
        double[] scores = pool.similarity(query.asText(), texts, truncate(req));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        boolean withText = req.path("return_text").asBoolean(false);
        ArrayNode out = JSON.createArrayNode();
        for (int i : order) {
            ObjectNode row = out.addObject().put("index", i).put("score", scores[i]);
            if (withText) {
                row.put("text", texts.get(i));
            }
        }
        return out;
    }

    /** OpenAI {@code POST /v1/embeddings}. */
    public JsonNode openAiEmbeddings(JsonNode req) {
        List<String> texts = strings(req, "input", true);
        String format = req.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw new ProtocolException(422, "encoding_format must be float or base64, not " + format);
        }
        boolean truncate = truncate(req);
        int[] tokens = pool.measure(texts, truncate);
        List<float[]> vectors = pool.embed(texts, truncate);
        if (req.has("dimensions") && req.get("dimensions").asInt() != vectors.getFirst().length) {
            throw new ProtocolException(422, "dimensions must be " + vectors.getFirst().length + " for " + pool.model());
        }
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode row = data.addObject().put("object", "embedding").put("index", i);
            if (format.equals("base64")) {
                ByteBuffer buf = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(vectors.get(i));
                row.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                row.set("embedding", vector(vectors.get(i)));
            }
        }
        int total = 0;
        for (int t : tokens) {
            total += t;
        }
        out.put("model", pool.model());
        out.putObject("usage").put("prompt_tokens", total).put("total_tokens", total);
        return out;
    }

    private boolean truncate(JsonNode req) {
        JsonNode t = req.get("truncate");
        if (t == null || t.isNull()) {
            return truncateByDefault;
        }
        if (!t.isBoolean()) {
            throw new ProtocolException(422, "field 'truncate' must be true or false");
        }
        return t.asBoolean();
    }

    /** Field {@code name} as a list of strings: a string (if {@code single}) or an array of strings. */
    private static List<String> strings(JsonNode req, String name, boolean single) {
        JsonNode node = req.get(name);
        if (node != null && single && node.isTextual()) {
            return List.of(node.asText());
        }
        if (node == null || !node.isArray()) {
            throw new ProtocolException(422, "field '" + name + "' must be " + (single ? "a string or " : "")
                    + "an array of strings");
        }
        List<String> texts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new ProtocolException(422, "field '" + name + "'[" + i + "] must be a string"
                        + (node.get(i).isArray() || node.get(i).isNumber() ? " (token-id inputs are not supported)" : ""));
            }
            texts.add(node.get(i).asText());
        }
        return texts;
    }

    private static ArrayNode vector(float[] v) {
        ArrayNode row = JSON.createArrayNode();
        for (float x : v) {
            row.add(x);
        }
        return row;
    }
}
