package dev.ayo4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryShapeTest {
    @Test
    void refusesMorePassageTokensThanAQueryCanCountNamingTheLimit() {
        assertThatThrownBy(() -> QueryShape.ofPassages(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2147483647 passages of 150 tokens")
                .hasMessageContaining("over the limit of 2147483647 tokens per query")
                .hasMessageContaining("at most 14316557 passages");
    }

    @Test
    void acceptsTenMillionPassages() {
        assertThat(QueryShape.ofPassages(10_000_000).passages()).isEqualTo(10_000_000);
    }
}
