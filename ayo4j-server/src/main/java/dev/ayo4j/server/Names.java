package dev.ayo4j.server;

import java.util.regex.Pattern;

/** Checks of the names clients choose: collections and document ids. */
final class Names {
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern DOCUMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/ -]{0,255}");

    private Names() {}

    /** {@code name} if it is a valid collection name; else a 400 naming the rule. */
    static String requireCollection(String name) {
        if (!COLLECTION.matcher(name).matches()) {
            throw ApiException.invalid("collection", "collection name '" + abbreviate(name)
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** {@code id} if it is a valid document id; else a 400 naming the rule. */
    static String requireDocumentId(String id, String param) {
        if (!DOCUMENT.matcher(id).matches() || id.contains("..")) {
            throw ApiException.invalid(param, "document id '" + abbreviate(id) + "' must be 1-256 letters, digits, "
                    + "'.', '_', '-', '/' or spaces, starting with a letter or digit, without '..' or '#'");
        }
        return id;
    }

    /** At most 64 characters of {@code s}, so that an error never echoes a huge value. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
