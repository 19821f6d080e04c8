package dev.ayo4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** The server's one JSON mapper and the typed reads of request fields, each failing with a 400 naming the field. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code bytes} as a JSON object; a 400 if they are not one. */
    static ObjectNode parseObject(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(null, "request body is not valid JSON (UTF-8): " + e.getOriginalMessage()
                    + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.invalid(null, "request body must be a JSON object");
        }
        return object;
    }

    /** Field {@code name}, required to be a string. */
    static String string(JsonNode body, String name) {
        String s = optionalString(body, name);
        if (s == null) {
            throw ApiException.invalid(name, "field '" + name + "' is required and must be a string");
        }
        return s;
    }

    /** Field {@code name} as a string, null if absent or null; a 400 if it is another type. */
    static @Nullable String optionalString(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(name, "field '" + name + "' must be a string, not " + kind(n));
        }
        return n.asText();
    }

    /** Field {@code name} as a boolean, {@code otherwise} if absent; a 400 if it is another type. */
    static boolean bool(JsonNode body, String name, boolean otherwise) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isBoolean()) {
            throw ApiException.invalid(name, "field '" + name + "' must be true or false, not " + kind(n));
        }
        return n.asBoolean();
    }

    /** What kind of JSON value {@code n} is, for error messages. */
    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
