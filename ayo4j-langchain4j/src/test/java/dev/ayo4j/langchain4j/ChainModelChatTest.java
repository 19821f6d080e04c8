// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.engine.llamacpp.LlamaCppEngine;
import dev.ayo4j.engine.llamacpp.LlamaCppOptions;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat adapter on the real llama.cpp engine, with a chain model whose greedy output is fixed text. */
class ChainModelChatTest {
    @TempDir
    Path dir;

    @Test
    void chatReturnsTheChainModelsText() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeChain(model, "the cat sat on the mat");
        try (LlamaCppEngine engine = LlamaCppEngine.open(LlamaCppOptions.builder().name("llm").model(model)
                .threads(1).slots(1).ctxSize(1024).build())) {
            var chat = Ayo4jChatModel.builder(engine).maxTokens(32).build();

            assertThat(chat.chat("Say something.")).isEqualTo("the cat sat on the mat");
        }
    }
}
