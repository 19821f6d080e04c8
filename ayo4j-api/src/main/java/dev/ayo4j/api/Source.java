// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.spi.Passage;
import java.util.Objects;

/**
 * A passage an answer was given from, as a user cites it.
 *
 * @param id       the passage's id in its collection ({@code document#n})
 * @param document the document it came from
 * @param text     the passage's text
 * @param score    its rerank score; higher is better
 */
public record Source(String id, String document, String text, double score) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(text, "text");
    }

    static Source of(Passage p) {
        return new Source(p.id(), p.source(), p.text(), p.score());
    }
}
