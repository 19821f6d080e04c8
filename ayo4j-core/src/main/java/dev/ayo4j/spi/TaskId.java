// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Objects;

/** Identifier of one primitive of one query: {@code query/node}. */
public record TaskId(String query, String node) {
    public TaskId {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
        return query + "/" + node;
    }
}
