// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The model file a run uses, as chosen by {@link ModelResolver}.
 *
 * @param path        the GGUF file
 * @param kind        where it came from
 * @param description one sentence for people; for a synthetic model it says that the text is meaningless
 */
public record ResolvedModel(Path path, Kind kind, String description) {
    /** Where a resolved model came from, in order of preference. */
    public enum Kind {
        /** Named by the user. */
        GIVEN,
        /** Pulled from a hub earlier. */
        PULLED,
        /** Written by ayo4j with random weights: right shape, meaningless text. */
        SYNTHETIC
    }

    public ResolvedModel {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** Whether the generated text means anything (false for synthetic weights). */
    public boolean meaningfulText() {
        return kind != Kind.SYNTHETIC;
    }
}
