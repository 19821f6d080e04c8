// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

import dev.ayo4j.Checks;

/**
 * Shape of what an LLM generation must emit: free text, or a JSON array of a known number of strings
 * (constrained by a grammar on engines that support one, parsed incrementally by the runtime).
 */
public sealed interface OutputFormat {
    /** Free text. */
    record FreeText() implements OutputFormat {
        @Override
        public String toString() {
            return "text";
        }
    }

    /** A JSON array of {@code items} short strings, e.g. rewritten queries. */
    record JsonList(int items) implements OutputFormat {
        public JsonList {
            Checks.argument(items > 0, "a JSON list must have at least one item: %s", items);
        }

        @Override
        public String toString() {
            return "json-list(" + items + ")";
        }
    }

    /** Free text. */
    static OutputFormat text() {
        return new FreeText();
    }

    /** A JSON array of {@code items} strings. */
    static OutputFormat jsonList(int items) {
        return new JsonList(items);
    }
}
