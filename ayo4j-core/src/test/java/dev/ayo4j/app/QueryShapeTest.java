// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryShapeTest {
    /** 2,147,483,647 passages overflowed to "Embed needs at least one item: -511"; 10,000,000 planned for ever. */
    @Test
    void refusesMorePassagesThanTheLimitNamingIt() {
        assertThatThrownBy(() -> QueryShape.ofPassages(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a query may index at most 1000000 passages, not 2147483647; search a larger corpus as"
                        + " a collection ingested once beforehand");
        assertThatThrownBy(() -> QueryShape.ofPassages(10_000_000)).hasMessageContaining("not 10000000");
        assertThat(QueryShape.ofPassages(1_000_000).passages()).isEqualTo(1_000_000);
    }

    @Test
    void refusesMorePassageTokensThanAQueryCanCount() {
        assertThatThrownBy(() -> new QueryShape(1_000_000, 10_000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000 passages of 10000 tokens")
                .hasMessageContaining("over the limit of 2147483647 tokens per query")
                .hasMessageContaining("at most 214748 passages");
    }
}
