// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.graph.Slice;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoercionsTest {
    private static final List<Passage> PASSAGES = List.of(Passage.of("a", "first"), Passage.of("b", "second"));

    @Test
    void textFeedsATextListAsASingleton() {
        assertThat(Coercions.coerce("hi", ValueKind.TEXT, ValueKind.TEXT_LIST)).isEqualTo(List.of("hi"));
    }

    @Test
    void passagesFeedATextPortAsNumberedContext() {
        assertThat(Coercions.coerce(PASSAGES, ValueKind.PASSAGE_LIST, ValueKind.TEXT))
                .isEqualTo("[1] first\n\n[2] second");
    }

    @Test
    void passagesFeedATextListAsTheirTexts() {
        assertThat(Coercions.coerce(PASSAGES, ValueKind.PASSAGE_LIST, ValueKind.TEXT_LIST))
                .isEqualTo(List.of("first", "second"));
    }

    @Test
    void rejectsAConversionThatCanFeedDoesNotAllow() {
        assertThatThrownBy(() -> Coercions.coerce(List.of(), ValueKind.TEXT_LIST, ValueKind.TEXT))
                .hasMessageContaining("TEXT_LIST to TEXT");
    }

    @Test
    void sliceTakesItsRangeClampedToTheList() {
        assertThat(Coercions.slice(List.of(1, 2, 3, 4), new Slice(1, 3))).isEqualTo(List.of(2, 3));
        assertThat(Coercions.slice(List.of(1, 2), new Slice(1, 5))).isEqualTo(List.of(2));
    }

    @Test
    void slicesByLengthPartitionTheListSortedStablyByTextLength() {
        List<Passage> passages = List.of(Passage.of("a", "three"), Passage.of("b", "a"), Passage.of("c", "longest"),
                Passage.of("d", "ab"), Passage.of("e", "b"));
        assertThat(Coercions.slice(passages, Slice.byLength(0, 3))).extracting(p -> ((Passage) p).id())
                .containsExactly("b", "e", "d");
        assertThat(Coercions.slice(passages, Slice.byLength(3, 5))).extracting(p -> ((Passage) p).id())
                .containsExactly("a", "c");
        assertThat(Coercions.slice(List.of("ccc", "a", "bb"), Slice.byLength(0, 2))).isEqualTo(List.of("a", "bb"));
    }

    @Test
    void sliceByLengthRejectsItemsWithoutText() {
        assertThatThrownBy(() -> Coercions.slice(List.of(1, 2), Slice.byLength(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer");
    }
}
