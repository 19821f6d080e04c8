// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.engine.llamacpp.gguf.ChainModel;
import dev.ayo4j.engine.llamacpp.gguf.SpmTokenizer;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Generation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON-list chain model emits its exact array, with and without a grammar, across several chunks. */
class JsonListChainTest {
    static final List<String> ITEMS = List.of("alpha beta", "gamma delta", "epsilon zeta");
    static final String ARRAY = "[\"alpha beta\", \"gamma delta\", \"epsilon zeta\"]";
    static final PromptTemplate REWRITE = PromptTemplate.of("Rewrite into three queries: {{question}}\nQueries:");

    @TempDir static Path dir;
    static ChainModel chain;

    @BeforeAll
    static void write() {
        chain = SyntheticModels.writeJsonListChain(dir.resolve("json.gguf"), ITEMS);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void emitsTheExactArray(boolean grammar) {
        try (LlamaCppEngine engine = LlamaCppEngine.open(LlamaCppOptions.builder().model(dir.resolve("json.gguf"))
                .ctxSize(256).slots(1).threads(1).jsonGrammar(grammar).build())) {
            Generation g = Tasks.generation(Tasks.one(engine, Tasks.prefill("j", REWRITE, OutputFormat.jsonList(3),
                    Map.of("question", "what do dogs love?"))));
            List<String> chunks = Tasks.chunksOf(g);
            assertThat(g.text().join()).isEqualTo(ARRAY);
            assertThat(String.join("", chunks)).isEqualTo(ARRAY);
            // Items close inside the stream, not all in the last chunk: what decode pipelining needs.
            assertThat(chunks).hasSizeGreaterThanOrEqualTo(ITEMS.size() * 2);
        }
    }

    @Test
    void javaTokenizerAgreesWithLlamaCpp() {
        try (LlamaCppEngine engine = LlamaCppEngine.open(LlamaCppOptions.builder().model(dir.resolve("json.gguf"))
                .ctxSize(256).slots(1).threads(1).build())) {
            SpmTokenizer tokenizer = new SpmTokenizer(chain.vocabulary());
            for (String text : List.of(ARRAY, "Once upon a time, the dog named Max loved the park.",
                    "Question: what is the evidence?\nAnswer:", "naïve café 42 ±")) {
                assertThat(tokenizer.encode(text, true)).as(text).containsExactly(engine.encode(text));
            }
        }
    }
}
