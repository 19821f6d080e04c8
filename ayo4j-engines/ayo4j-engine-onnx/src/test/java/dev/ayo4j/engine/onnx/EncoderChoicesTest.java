// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names the engine's options take for a bundled model, its pooling and its overflow. */
class EncoderChoicesTest {
    @Test
    void bundledEncodersAreNamedByTheirModelNameInAnyCase() {
        assertThat(BundledEncoder.byName("all-minilm-l6-v2")).isEqualTo(BundledEncoder.ALL_MINILM_L6_V2);
        assertThat(BundledEncoder.byName(" BGE-small-en-v1.5 ")).isEqualTo(BundledEncoder.BGE_SMALL_EN_V15);
        assertThatThrownBy(() -> BundledEncoder.byName("bge-large"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown bundled encoder 'bge-large'; known: all-minilm-l6-v2, bge-small-en-v1.5");
    }

    @Test
    void poolingAndOverflowAreNamedInLowerCaseAndTakenInAnyCase() {
        assertThat(Pooling.parse("mean")).isEqualTo(Pooling.MEAN);
        assertThat(Pooling.parse(" CLS")).isEqualTo(Pooling.CLS);
        assertThat(Overflow.parse("Truncate ")).isEqualTo(Overflow.TRUNCATE);
        assertThat(Overflow.parse("reject")).isEqualTo(Overflow.REJECT);
        assertThatThrownBy(() -> Pooling.parse("max"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown pooling 'max'; known: mean, cls");
        assertThatThrownBy(() -> Overflow.parse("split"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown overflow 'split'; known: truncate, reject");
    }
}
