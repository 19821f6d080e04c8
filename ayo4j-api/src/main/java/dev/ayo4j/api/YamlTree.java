// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML document read with Jackson's YAML parser into a tree whose every node knows its line and its
 * path, so that a file's errors can name both. Duplicate keys are errors.
 */
final class YamlTree {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlTree() {}

    /** A node of the tree. */
    sealed interface Node {
        String file();

        int line();

        String path();

        default ConfigFileException error(String problem, Object... args) {
            return new ConfigFileException(file(), line(), path(), String.format(problem, args));
        }

        default String describe() {
            return switch (this) {
                case MapNode _ -> "a mapping";
                case ListNode _ -> "a list";
                case Scalar s -> "'" + s.text() + "'";
            };
        }
    }

    record Scalar(String file, int line, String path, String text) implements Node {
        int asInt() {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw error("expected a whole number, not '%s'", text);
            }
        }
    }

    record ListNode(String file, int line, String path, List<Node> items) implements Node {}

    record MapNode(String file, int line, String path, Map<String, Node> fields) implements Node {
        Node get(String key) {
            return fields.get(key);
        }

        Node required(String key) {
            Node n = fields.get(key);
            if (n == null) {
                throw new ConfigFileException(file, line, path, "missing field '" + key + "'");
            }
            return n;
        }

        String text(String key) {
            return scalar(required(key)).text();
        }

        String text(String key, String fallback) {
            Node n = fields.get(key);
            return n == null ? fallback : scalar(n).text();
        }

        void allowOnly(Set<String> known) {
            for (var e : fields.entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw e.getValue().error("unknown field '%s'; known: %s", e.getKey(),
                            known.stream().sorted().toList());
                }
            }
        }
    }

    static Scalar scalar(Node n) {
        if (n instanceof Scalar s) {
            return s;
        }
        throw n.error("expected a single value, not %s", n.describe());
    }

    static MapNode map(Node n) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw n.error("expected a mapping (key: value), not %s", n.describe());
    }

    static ListNode list(Node n) {
        if (n instanceof ListNode l) {
            return l;
        }
        throw n.error("expected a list, not %s", n.describe());
    }

    /** Parses {@code text}; a malformed document throws naming {@code file} and the line. */
    static MapNode parse(String file, String text) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigFileException(file, 0, "", "the file is empty");
            }
            Node root = read(file, p, "");
            return map(root);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigFileException(file, line, "", "malformed YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static Node read(String file, JsonParser p, String path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (fields.containsKey(key)) {
                        throw new ConfigFileException(file, keyLine, child, "'" + key + "' is given twice");
                    }
                    fields.put(key, read(file, p, child));
                }
                return new MapNode(file, line, path, Collections.unmodifiableMap(fields));
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(file, p, path + "[" + i++ + "]"));
                }
                return new ListNode(file, line, path, List.copyOf(items));
            }
            case VALUE_NULL -> {
                return new Scalar(file, line, path, "");
            }
            default -> {
                return new Scalar(file, line, path, p.getText());
            }
        }
    }
}
