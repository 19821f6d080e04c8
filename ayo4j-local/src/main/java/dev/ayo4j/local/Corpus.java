// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.spi.Passage;
import java.util.List;

/**
 * Documents of a folder, cut into passages an encoder can read whole, with what was left out and why.
 *
 * @param documents documents read
 * @param passages  their passages, in document order
 * @param skipped   files that were not read (not UTF-8, binary, empty), with the reason
 * @param split     documents longer than one passage, which were cut into several
 */
public record Corpus(List<Document> documents, List<Passage> passages, List<Skipped> skipped, List<Split> split) {
    public Corpus {
        documents = List.copyOf(documents);
        passages = List.copyOf(passages);
        skipped = List.copyOf(skipped);
        split = List.copyOf(split);
    }

    /** A file that was not read. */
    public record Skipped(String name, String reason) {}

    /** A document cut into {@code passages} passages because it had {@code words} words. */
    public record Split(String name, int words, int passages) {}
}
