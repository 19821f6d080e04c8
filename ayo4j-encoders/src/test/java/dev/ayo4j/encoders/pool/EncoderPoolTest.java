// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncoderPoolTest {
    private static EncoderModel model;
    private static EncoderPool pool;

    @BeforeAll
    static void load() {
        model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, EncoderOptions.DEFAULTS);
        pool = EncoderPool.builder("test").local(model).build();
    }

    @AfterAll
    static void close() {
        pool.close();
        model.close();
    }

    @Test
    void embedsAnEmptyStringAsAValidUnitVector() {
        List<float[]> v = pool.embed(List.of("", "a cat"), false);
        assertThat(v).hasSize(2);
        double norm = 0;
        for (float x : v.getFirst()) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void rejectsLoneSurrogatesNamingTheText() {
        assertThatThrownBy(() -> pool.submit(List.of("fine", "bad \uD800 text"), true))
                .isInstanceOf(InvalidTextException.class)
                .hasMessageContaining("text 1").hasMessageContaining("lone high surrogate U+D800");
    }

    @Test
    void rejectsControlCharacterGarbage() {
        assertThatThrownBy(() -> pool.submit(List.of("PK\u0003\u0004\u0000binary"), true))
                .isInstanceOf(InvalidTextException.class).hasMessageContaining("control character U+0003");
        assertThat(pool.embed(List.of("tab\tand\nnew line\r"), true)).hasSize(1);
    }

    @Test
    void rejectsARequestWithoutTexts() {
        assertThatThrownBy(() -> pool.submit(List.of(), true)).isInstanceOf(InvalidTextException.class)
                .hasMessageContaining("at least one text");
    }

    @Test
    void truncatesTextsOverTheWindowOrRejectsThemWhenAsked() {
        String longText = PoolTexts.words(300, 0);
        assertThatThrownBy(() -> pool.submit(List.of("short", longText), false))
                .isInstanceOf(TextTooLongException.class).hasMessageContaining("text 1")
                .hasMessageContaining("128-token window");
        assertThat(pool.stats().queued()).isZero();
        PoolTexts.assertSameVectors(pool.embed(List.of(longText), true), model.embed(List.of(longText)));
    }

    @Test
    void servesEmbedAndRerankTasksAsAnEngine() {
        var embed = Task.of(new TaskId("q", "e"), new Primitive.Embed("pool", 2, 8), Map.of(Primitive.Embed.TEXTS.name(), List.of("a", "b c")));
        var rerank = Task.of(new TaskId("q", "r"), new Primitive.Rerank("pool", 2, 1), Map.of("query", "cats on mats",
                "passages", List.of(Passage.of("x", "the stock market fell"), Passage.of("y", "a cat sat on the mat"))));
        List<TaskResult> results = pool.execute(new Batch(1, List.of(embed, rerank)));
        assertThat(results.get(0)).isInstanceOfSatisfying(TaskResult.Success.class,
                s -> assertThat((List<?>) s.value()).hasSize(2));
        assertThat(results.get(1)).isInstanceOfSatisfying(TaskResult.Success.class,
                s -> assertThat(((List<Passage>) s.value()).getFirst().id()).isEqualTo("y"));
    }

    @Test
    void binnedPoolReallocatesMembersFromTheRecentHistogramAndKeepsTheLongestBinServed() {
        ManualTicker ticker = new ManualTicker();
        EncoderPool binned = EncoderPool.builder("binned").local(model).local(model).local(model)
                .policy("arlo", EncoderPolicyConfig.DEFAULT).binned(true).period(Duration.ofSeconds(10))
                .ticker(ticker).build();
        try {
            assertThat(binned.stats().membersPerBin()).containsExactly(0, 0, 0, 0, 3);
            assertThat(binned.stats().reallocations()).as("the starting split is no re-allocation").isZero();
            List<String> texts = PoolTexts.mixed(40);
            PoolTexts.assertSameVectors(binned.embed(texts, true), model.embed(texts));
            ticker.advance(Duration.ofSeconds(11));
            PoolTexts.assertSameVectors(binned.embed(texts, true), model.embed(texts));
            List<Integer> split = binned.stats().membersPerBin();
            assertThat(split.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
            assertThat(split.getLast()).isGreaterThanOrEqualTo(1);
            assertThat(split.getFirst()).as("short texts dominate: a member moves to the shortest bin").isPositive();
            assertThat(binned.stats().reallocations()).isEqualTo(1);
            assertThat(binned.stats().memberMoves()).isBetween(1L, 2L);
        } finally {
            binned.close();
        }
    }
}
