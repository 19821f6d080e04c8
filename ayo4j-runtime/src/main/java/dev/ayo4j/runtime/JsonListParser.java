// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental parser of a JSON array of strings fed as a token stream: each item is available as soon as
 * its closing quote arrives. Text before the first {@code [} (a code fence, a preamble) is skipped;
 * nested arrays and objects are skipped; malformed input ends the list with the items parsed so far.
 * Not thread-safe: one generation listener feeds it.
 */
public final class JsonListParser {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final List<String> items = new ArrayList<>();
    private boolean started;
    private boolean closed;
    private int depth;

    JsonListParser() {
        try {
            parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a non-blocking JSON parser", e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /**
     * The items of the first JSON array in a whole {@code text}, read as the runtime reads an LLM's
     * streamed list: for code that has the generation's text only once it is complete.
     */
    public static List<String> parse(String text) {
        JsonListParser p = new JsonListParser();
        p.feed(text);
        p.end();
        return List.copyOf(p.items());
    }

    /** Feeds the next chunk of the stream. */
    void feed(String chunk) {
        if (closed) {
            return;
        }
        String s = chunk;
        if (!started) {
            int at = s.indexOf('[');
            if (at < 0) {
                return;
            }
            s = s.substring(at);
            started = true;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        try {
            feeder.feedInput(bytes, 0, bytes.length);
        } catch (IOException e) {
            closed = true;
            return;
        }
        drain();
    }

    /** Marks the end of the stream; no further items will appear. */
    void end() {
        if (!closed) {
            feeder.endOfInput();
            drain();
            closed = true;
        }
    }

    /** Items completed so far. */
    List<String> items() {
        return items;
    }

    private void drain() {
        try {
            JsonToken t;
            while (!closed && (t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
                switch (t) {
                    case START_ARRAY, START_OBJECT -> depth++;
                    case END_ARRAY, END_OBJECT -> {
                        if (--depth == 0) {
                            closed = true;
                        }
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                        if (depth == 1) {
                            items.add(parser.getText());
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            closed = true;
        }
    }
}
