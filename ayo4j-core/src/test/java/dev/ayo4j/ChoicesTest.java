// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChoicesTest {
    private enum Colour {
        RED("scarlet"), DARK_GREEN("moss");

        private final String label;

        Colour(String label) {
            this.label = label;
        }
    }

    @Test
    void findsAChoiceByItsNameIgnoringCaseAndSurroundingWhiteSpace() {
        assertThat(Choices.byName("colour", "moss", Colour.values(), c -> c.label)).isEqualTo(Colour.DARK_GREEN);
        assertThat(Choices.byName("colour", " Scarlet\t", Colour.values(), c -> c.label)).isEqualTo(Colour.RED);
    }

    @Test
    void anUnknownNameIsRefusedNamingWhatWasAskedAndTheKnownNamesInOrder() {
        assertThatThrownBy(() -> Choices.byName("colour", " Red ", Colour.values(), c -> c.label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour ' Red '; known: scarlet, moss");
        assertThatThrownBy(() -> Choices.byName("colour", "", Colour.values(), c -> c.label))
                .hasMessage("unknown colour ''; known: scarlet, moss");
    }

    @Test
    void aMissingNameIsRefusedNamingWhatWasAsked() {
        assertThatThrownBy(() -> Choices.byName("colour", null, Colour.values(), c -> c.label))
                .isInstanceOf(NullPointerException.class).hasMessage("colour");
    }

    @Test
    void anEnumsConstantsAreNamedInLowerCase() {
        assertThat(Choices.byName("colour", "DARK_green", Colour.class)).isEqualTo(Colour.DARK_GREEN);
        assertThat(Choices.lowerCase(Colour.DARK_GREEN)).isEqualTo("dark_green");
        assertThatThrownBy(() -> Choices.byName("colour", "moss", Colour.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour 'moss'; known: red, dark_green");
    }
}
