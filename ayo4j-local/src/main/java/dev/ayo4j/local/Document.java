// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import java.util.Objects;

/**
 * Text document of a corpus.
 *
 * @param name where it came from, relative to the corpus root (e.g. {@code guide/passes.md}); becomes
 *             the source of its passages
 * @param text the whole text, decoded as UTF-8
 */
public record Document(String name, String text) {
    public Document {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
