// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainModelTest {
    private static String printed(ChainModel m) {
        return m.vocabulary().decode(m.tokens().stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void tokensAreDistinctAndPrintTheText() {
        ChainModel m = ChainModel.of("Once upon a time, there was a dog named Max.", ChainModel.Entry.ANY_TOKEN);
        assertThat(new HashSet<>(m.tokens())).hasSameSizeAs(m.tokens());
        assertThat(printed(m)).isEqualTo("Once upon a time, there was a dog named Max.");
    }

    @Test
    void respellsRepeatedTokensWithOtherPieces() {
        String text = "the cat and the dog and the bird";
        ChainModel m = ChainModel.of(text, ChainModel.Entry.ANY_TOKEN);
        assertThat(new HashSet<>(m.tokens())).hasSameSizeAs(m.tokens());
        assertThat(printed(m)).isEqualTo(text);
    }

    @Test
    void rejectsATextWhoseRepeatsCannotBeRespelled() {
        assertThatThrownBy(() -> ChainModel.of("a a a a a a", ChainModel.Entry.ANY_TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats the token '▁a'").hasMessageContaining("reword the text");
    }

    @Test
    void jsonListChainPrintsTheArray() {
        List<String> items = List.of("alpha beta", "gamma delta", "epsilon zeta");
        ChainModel m = ChainModel.of(SyntheticModels.jsonList(items), Vocabulary.builder()
                .addPiece("[\"").addPiece("\",▁\"").addPiece("\"]").addText("alpha beta gamma delta epsilon zeta"),
                ChainModel.Entry.ANY_TOKEN);
        assertThat(printed(m)).isEqualTo("[\"alpha beta\", \"gamma delta\", \"epsilon zeta\"]");
        assertThat(m.tokens()).hasSizeGreaterThan(items.size());
    }

    @Test
    void tokenizerFallsBackToBytesForUnknownCharacters() {
        Vocabulary v = Vocabulary.english(2048);
        int[] ids = new SpmTokenizer(v).encode("é", false);
        assertThat(ids).containsExactly(Vocabulary.FIRST_BYTE + 0xC3, Vocabulary.FIRST_BYTE + 0xA9);
        assertThat(v.decode(ids)).isEqualTo("é");
    }

    @Test
    void vocabularyStartsWithControlAndByteTokens() {
        Vocabulary v = Vocabulary.english(2048);
        assertThat(v.pieces().subList(0, 4)).containsExactly("<unk>", "<s>", "</s>", "<0x00>");
        assertThat(v.pieces().get(Vocabulary.FIRST_BYTE + 255)).isEqualTo("<0xFF>");
        assertThat(v.types().get(Vocabulary.BOS)).isEqualTo(Vocabulary.TYPE_CONTROL);
        assertThat(v.pieces()).contains("▁the", "▁th", "▁question").hasSize(2048);
        assertThatThrownBy(() -> Vocabulary.english(100)).hasMessageContaining("vocabulary size 100");
    }
}
