// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void argumentAndStateThrowTheirOwnExceptionsWithTheFormattedMessage() {
        Checks.argument(true, "never %s", "formatted");
        Checks.state(true, "never %s", "formatted");
        assertThatThrownBy(() -> Checks.argument(false, "k must be in %d..%d: %s", 1, 16, 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be in 1..16: 17");
        assertThatThrownBy(() -> Checks.state(false, "closed: %s", "pool"))
                .isInstanceOf(IllegalStateException.class).hasMessage("closed: pool");
    }
}
