// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.spi.Passage;
import java.util.List;
import java.util.Objects;

/**
 * One query of a run: the question and the passages it ingests (empty for workloads without retrieval).
 *
 * @param index    position in the run, for reports
 * @param question the user's question
 * @param passages what the query indexes before searching
 */
public record BenchQuery(int index, String question, List<Passage> passages) {
    public BenchQuery {
        Objects.requireNonNull(question, "question");
        passages = List.copyOf(passages);
    }
}
