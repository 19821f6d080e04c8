// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.Ayo4jException;

/**
 * An engine file or app file that cannot be used: malformed YAML, an unknown field, provider, module or
 * placeholder, a value of the wrong type, a missing input. The message names the file, the line and the
 * field, e.g. {@code my-app.yaml:12: modules[2].template: unknown placeholder {{ctx}}; ...}.
 */
public final class ConfigFileException extends Ayo4jException {
    private final String file;
    private final int line;
    private final String field;

    ConfigFileException(String file, int line, String field, String problem) {
        super(file + ":" + (line > 0 ? line : "?") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file, as given. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The path of the field in the file ({@code modules[2].template}), or empty for the whole file. */
    public String field() {
        return field;
    }
}
