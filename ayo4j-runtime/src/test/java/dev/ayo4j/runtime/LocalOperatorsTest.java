// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aggregations computed in place. */
class LocalOperatorsTest {
    private static final Primitive.Aggregate UNSEEN = new Primitive.Aggregate(AggregateMode.UNSEEN,
            ValueKind.PASSAGE_LIST, 3, 0);

    private static Passage p(String id) {
        return new Passage(id, "text of " + id, 0.5, id);
    }

    @Test
    void unseenKeepsThePassagesOfItsFirstInputThatNoOtherInputHolds() {
        Object out = LocalOperators.aggregate(UNSEEN, new Object[] {List.of(p("a"), p("b"), p("c"), p("d")),
            List.of(p("b")), List.of(p("d"), p("e"))});

        assertThat(out).isEqualTo(List.of(p("a"), p("c")));
    }

    @Test
    void unseenIsAbsentWhenItsBranchIsAndIgnoresAbsentEarlierBranches() {
        assertThat(LocalOperators.aggregate(UNSEEN, new Object[] {null, List.of(p("a")), null})).isNull();
        assertThat(LocalOperators.aggregate(UNSEEN, new Object[] {List.of(p("a")), null, List.of(p("a"))}))
                .isEqualTo(List.of());
    }
}
