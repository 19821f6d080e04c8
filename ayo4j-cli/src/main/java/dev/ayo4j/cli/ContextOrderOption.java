// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.ContextOrder;
import picocli.CommandLine.Option;

/** The {@code --context-order} option of commands that build a RAG app. */
public final class ContextOrderOption {
    @Option(names = "--context-order", defaultValue = "score",
            description = "Order of the answer's context passages: score or arrival; "
                    + "arrival lets the context be prefilled passage by passage while retrieval runs.")
    public ContextOrder value;
}
