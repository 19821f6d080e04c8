// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.testkit.TestingEngine;
import dev.ayo4j.testkit.TestingOutputs;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdaptersTest {
    private final TestingEngine engine = TestingEngine.builder("any").build();

    @Test
    void chatSendsASingleUserMessageVerbatimAndCollectsTheStream() {
        var model = Ayo4jChatModel.builder(engine).maxTokens(64).build();

        String answer = model.chat("What is prefill splitting?");

        assertThat(answer).isEqualTo(TestingOutputs.answer("What is prefill splitting?"));
        var prefill = (Primitive.Prefill) engine.batchesOf(Primitive.Prefill.class).getFirst().tasks().getFirst().op();
        assertThat(prefill.maxTokens()).isEqualTo(64);
    }

    @Test
    void chatRendersConversationsWithRolesAndHonoursTheRequestBudget() {
        var model = Ayo4jChatModel.builder(engine).build();
        var request = ChatRequest.builder().messages(SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                .maxOutputTokens(7).build();

        ChatResponse response = model.chat(request);

        String prompt = "System: Be brief.\n\nUser: Hi\n\nAssistant:";
        assertThat(response.aiMessage().text()).isEqualTo(TestingOutputs.answer(prompt));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(TestingOutputs.tokens(prompt));
        assertThat(response.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        var prefill = (Primitive.Prefill) engine.batchesOf(Primitive.Prefill.class).getFirst().tasks().getFirst().op();
        assertThat(prefill.maxTokens()).isEqualTo(7);
    }

    @Test
    void chatCanAskForAJsonList() {
        var model = Ayo4jChatModel.builder(engine).jsonListItems(3).build();

        assertThat(model.chat("expand")).isEqualTo(TestingOutputs.jsonList("expand", 3));
    }

    @Test
    void streamingDeliversEveryChunkInOrderThenTheWholeResponse() throws Exception {
        var model = Ayo4jStreamingChatModel.builder(engine).build();
        List<String> chunks = new CopyOnWriteArrayList<>();
        ChatResponseFuture done = new ChatResponseFuture(chunks::add);

        model.chat("stream me", done);

        ChatResponse response = done.response().get(10, TimeUnit.SECONDS);
        String expected = TestingOutputs.answer("stream me");
        assertThat(String.join("", chunks)).isEqualTo(expected);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(response.aiMessage().text()).isEqualTo(expected);
    }

    @Test
    void embedAllBatchesTheTextsAndKeepsTheirOrder() {
        var model = Ayo4jEmbeddingModel.builder(engine).batchSize(4).build();
        List<TextSegment> segments = IntStream.range(0, 10).mapToObj(i -> TextSegment.from("text " + i)).toList();

        List<Embedding> embeddings = model.embedAll(segments).content();

        assertThat(embeddings).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(embeddings.get(i).vector()).containsExactly(TestingOutputs.vector("text " + i));
        }
        assertThat(engine.batchesOf(Primitive.Embed.class)).hasSize(3);
    }

    @Test
    void scoreAllReturnsTheEngineScoresInSegmentOrder() {
        var model = Ayo4jScoringModel.of(engine);
        List<TextSegment> segments = List.of(TextSegment.from("a"), TextSegment.from("b"), TextSegment.from("c"));

        List<Double> scores = model.scoreAll(segments, "q").content();

        assertThat(scores).containsExactly(TestingOutputs.unit("q\u00000"), TestingOutputs.unit("q\u00001"),
                TestingOutputs.unit("q\u00002"));
    }

    @Test
    void engineFailuresNameTheEngine() {
        var failing = TestingEngine.builder("broken").failOn(Primitive.Prefill.class).build();
        var model = Ayo4jChatModel.builder(failing).build();

        assertThatThrownBy(() -> model.chat("x")).isInstanceOf(ModelCallException.class).hasMessageContaining("broken");
    }
}
