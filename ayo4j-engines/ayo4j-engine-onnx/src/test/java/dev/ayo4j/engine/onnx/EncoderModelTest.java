// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.ayo4j.NonRetriableEngineException;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderModelTest {
    private static final String LONG = "Retrieval-augmented generation combines a retriever with a generator. "
             + Texts.words(300);
    private static final List<String> TEXTS = List.of(
            "The quick brown fox jumps over the lazy dog near the riverbank.",
            "Hi",
            "Lucene stores vectors in an HNSW graph; ONNX Runtime runs the encoder in process.",
            "Ünïcödé text, émojis 🙂 and numbers 3.14159 are tokenized too.",
            LONG);

    /** The bundled encoder, loaded once for the class and closed after its last test. */
    @AutoClose
    private static final EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2,
            EncoderOptions.DEFAULTS);

    @Test
    void matchesLangChain4jReference() {
        // Longer than MiniLM's 128-token window: LangChain4j's tokenizer cuts it there too.
        assertThat(model.tokenize(LONG).overflowed()).isTrue();
        var reference = new AllMiniLmL6V2EmbeddingModel();
        List<float[]> ours = model.embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = reference.embed(TEXTS.get(i)).content().vector();
            assertThat(Texts.cosine(ours.get(i), expected)).as("text %s", i).isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void returnsUnitVectorsOfTheModelDimension() {
        assertThat(model.dimension()).isEqualTo(384);
        assertThat(model.embed(TEXTS)).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            assertThat(Texts.norm(v)).isCloseTo(1.0, offset(1e-5));
        });
    }

    @Test
    void paddedBatchOfMixedLengthsEqualsOneAtATime() {
        List<String> texts = List.of(Texts.words(3), Texts.words(60), "Hi", Texts.words(17), Texts.words(120),
                Texts.words(90), Texts.words(100), Texts.words(80), Texts.words(110), Texts.words(40));
        List<Tokens> tokens = texts.stream().map(model::tokenize).toList();
        float[][] padded = model.forward(tokens); // one pass, padded to the 122-token member
        assertThat(LengthBatcher.plan(tokens.stream().mapToInt(Tokens::length).toArray(),
                model.options().batchTokens())).hasSizeGreaterThan(1);
        float[][] planned = model.embedTokens(tokens);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = model.forward(List.of(tokens.get(i)))[0];
            assertThat(Texts.maxAbsDiff(padded[i], alone)).as("padded, text %s", i).isLessThanOrEqualTo(1e-5);
            assertThat(Texts.maxAbsDiff(planned[i], alone)).as("planned, text %s", i).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void embedsEmptyAndBlankTextsAsClsSep() {
        assertThat(model.tokenize("").length()).isEqualTo(2);
        List<float[]> v = model.embed(List.of("", "   ", "a real sentence about cats"));
        assertThat(Texts.maxAbsDiff(v.get(0), v.get(1))).isLessThanOrEqualTo(1e-6);
        assertThat(Texts.norm(v.get(0))).isCloseTo(1.0, offset(1e-5));
        assertThat(Texts.cosine(v.get(0), v.get(2))).isLessThan(0.9);
    }

    @Test
    void truncatesTextsLongerThanTheWindow() {
        assertThat(model.options().maxTokens()).isEqualTo(128);
        String tooLong = Texts.words(700);
        Tokens t = model.tokenize(tooLong);
        assertThat(t.length()).isEqualTo(128);
        assertThat(t.overflowed()).isTrue();
        assertThat(model.tokenize(Texts.words(126)).overflowed()).isFalse();
        List<float[]> v = model.embed(List.of(tooLong, Texts.words(126)));
        assertThat(Texts.maxAbsDiff(v.get(0), v.get(1))).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void rejectsTextsLongerThanTheWindowWhenAsked(@TempDir Path dir) throws Exception {
        Path onnx = copyResource(BundledEncoder.ALL_MINILM_L6_V2.onnxResource(), dir);
        Path tok = copyResource(BundledEncoder.ALL_MINILM_L6_V2.tokenizerResource(), dir);
        try (var strict = EncoderModel.fromFiles(onnx, tok, Pooling.MEAN,
                EncoderOptions.DEFAULTS.withMaxTokens(16).withOverflow(Overflow.REJECT))) {
            assertThat(strict.options().maxTokens()).isEqualTo(16);
            assertThat(strict.embed(List.of(Texts.words(14)))).hasSize(1);
            assertThatThrownBy(() -> strict.embed(List.of("short", Texts.words(15))))
                    .isInstanceOf(NonRetriableEngineException.class)
                    .hasMessageContaining("text 1")
                    .hasMessageContaining("16-token window");
            // The file-loaded model is the bundled one: same vectors.
            assertThat(Texts.maxAbsDiff(strict.embed(List.of("cats")).getFirst(),
                    model.embed(List.of("cats")).getFirst())).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void namesAMissingModelFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-model.onnx");
        Path tok = dir.resolve("tokenizer.json");
        assertThatThrownBy(() -> EncoderModel.fromFiles(missing, tok, Pooling.MEAN, EncoderOptions.DEFAULTS))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("ONNX model file")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void namesAnUnloadableModelFile(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        Path tok = copyResource(BundledEncoder.ALL_MINILM_L6_V2.tokenizerResource(), dir);
        assertThatThrownBy(() -> EncoderModel.fromFiles(junk, tok, Pooling.MEAN, EncoderOptions.DEFAULTS))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("junk.onnx");
    }

    static Path copyResource(String name, Path dir) throws Exception {
        Path target = dir.resolve(name);
        try (var in = EncoderModelTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

}
