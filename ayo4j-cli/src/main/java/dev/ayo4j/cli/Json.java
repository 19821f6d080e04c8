// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ayo4j.Ayo4jException;
import java.io.IOException;
import java.nio.file.Path;

/** Reports and listings as indented JSON: the one mapper the commands write with. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Writes {@code value} to {@code file}, creating its folder; throws naming the file if it cannot. */
    public static void write(Path file, Object value) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new Ayo4jException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} as indented JSON text. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new Ayo4jException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
