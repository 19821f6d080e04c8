// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.testkit.TestingEngine;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChatModelBuilderTest {
    private static final TestingEngine ENGINE = TestingEngine.builder("llm").build();

    /** Each chat adapter's builder with its token budget set to the argument. */
    static Stream<IntFunction<Object>> builders() {
        return Stream.of(
                n -> Ayo4jChatModel.builder(ENGINE).maxTokens(n).build(),
                n -> Ayo4jStreamingChatModel.builder(ENGINE).maxTokens(n).build());
    }

    @ParameterizedTest
    @MethodSource("builders")
    void maxTokensMustBePositive(IntFunction<Object> build) {
        assertThat(build.apply(1)).isNotNull();
        assertThatThrownBy(() -> build.apply(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be > 0: 0");
    }

    @Test
    void theEngineIsRequired() {
        assertThatThrownBy(() -> Ayo4jChatModel.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("engine");
        assertThatThrownBy(() -> Ayo4jStreamingChatModel.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("engine");
    }
}
