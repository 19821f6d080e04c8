// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

    @Test
    void positiveTakesOneAndMoreAndRefusesZeroAndLessNamingTheValue() {
        assertThat(Checks.positive(1, "maxInputs")).isEqualTo(1);
        assertThat(Checks.positive(Long.MAX_VALUE, "sloNanos")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Checks.positive(0, "maxInputs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInputs must be > 0: 0");
        assertThatThrownBy(() -> Checks.positive(-3L, "search k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("search k must be > 0: -3");
    }

    @Test
    void nonNegativeTakesZeroAndRefusesLessNamingTheValue() {
        assertThat(Checks.nonNegative(0, "passages")).isZero();
        assertThat(Checks.nonNegative(0L, "latency")).isZero();
        assertThatThrownBy(() -> Checks.nonNegative(-1, "passages"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("passages must be >= 0: -1");
        assertThatThrownBy(() -> Checks.nonNegative(Long.MIN_VALUE, "latency"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency must be >= 0: -9223372036854775808");
    }

    @Test
    void aPositiveDurationIsLongerThanZero() {
        assertThat(Checks.positive(Duration.ofNanos(1), "requestTimeout")).isEqualTo(Duration.ofNanos(1));
        assertThatThrownBy(() -> Checks.positive(Duration.ZERO, "requestTimeout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive: PT0S");
        assertThatThrownBy(() -> Checks.positive(Duration.ofSeconds(-1), "requestTimeout"))
                .hasMessage("requestTimeout must be positive: PT-1S");
        assertThatThrownBy(() -> Checks.positive((Duration) null, "requestTimeout"))
                .isInstanceOf(NullPointerException.class).hasMessage("requestTimeout");
    }

    @Test
    void notBlankRefusesEmptyAndWhiteSpaceOnlyText() {
        assertThat(Checks.notBlank(" m ", "model")).isEqualTo(" m ");
        assertThatThrownBy(() -> Checks.notBlank("", "model"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model must not be blank");
        assertThatThrownBy(() -> Checks.notBlank(" \t\n", "engine name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("engine name must not be blank");
        assertThatThrownBy(() -> Checks.notBlank(null, "model"))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
    }
}
