// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

import dev.ayo4j.Checks;
import dev.ayo4j.GraphValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt text with {@code {{name}}} placeholders, parsed once into literal and placeholder segments.
 *
 * <p>Rendering is strict: every placeholder must be given a value, and no value may be left over
 * unused. A prefix of the segments renders a prompt prefix that the full prompt starts with, which is
 * what prefill splitting relies on: {@code render(values).startsWith(renderPrefix(n, values))}.
 */
public record PromptTemplate(String text, List<Segment> segments) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    /** One piece of a template. */
    public sealed interface Segment {}

    /** Fixed text. */
    public record Literal(String text) implements Segment {}

    /** A placeholder, filled with the value of the same name. */
    public record Placeholder(String name) implements Segment {}

    public PromptTemplate {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    /** Parses {@code text}; rejects unbalanced braces, which are almost always a typo. */
    public static PromptTemplate of(String text) {
        Objects.requireNonNull(text, "text");
        List<Segment> segments = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Literal(text.substring(at, m.start())));
            }
            segments.add(new Placeholder(m.group(1)));
            at = m.end();
        }
        if (at < text.length()) {
            segments.add(new Literal(text.substring(at)));
        }
        for (Segment s : segments) {
            if (s instanceof Literal(String lit) && (lit.contains("{{") || lit.contains("}}"))) {
                throw new GraphValidationException(String.format(
                        "malformed placeholder in prompt template near '%s': use {{name}}", abbreviate(lit)));
            }
        }
        return new PromptTemplate(text, segments);
    }

    /** Placeholder names in order of first appearance. */
    public SequencedSet<String> placeholders() {
        return placeholdersIn(segments.size());
    }

    /** Placeholder names that appear in the first {@code count} segments. */
    public SequencedSet<String> placeholdersIn(int count) {
        Checks.argument(count >= 0 && count <= segments.size(), "segment count out of range: %s", count);
        SequencedSet<String> names = new LinkedHashSet<>();
        for (Segment s : segments.subList(0, count)) {
            if (s instanceof Placeholder(String name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Renders the whole template. */
    public String render(Map<String, String> values) {
        return renderPrefix(segments.size(), values);
    }

    /** Renders the first {@code count} segments; values for placeholders beyond them are ignored. */
    public String renderPrefix(int count, Map<String, String> values) {
        SequencedSet<String> needed = placeholdersIn(count);
        for (String name : needed) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(String.format(
                        "no value for placeholder {{%s}}; given: %s", name, values.keySet()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Segment s : segments.subList(0, count)) {
            switch (s) {
                case Literal(String lit) -> out.append(lit);
                case Placeholder(String name) -> out.append(values.get(name));
            }
        }
        return out.toString();
    }

    /** Characters of literal text in the first {@code count} segments, a proxy for static prompt size. */
    public int literalLength(int count) {
        int n = 0;
        for (Segment s : segments.subList(0, count)) {
            if (s instanceof Literal(String lit)) {
                n += lit.length();
            }
        }
        return n;
    }

    /** A short stable digest for explain text. */
    public String digest() {
        return String.format("%08x", text.hashCode());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public String toString() {
        return "template#" + digest() + placeholders();
    }
}
