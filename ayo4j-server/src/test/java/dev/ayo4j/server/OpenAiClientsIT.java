// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real OpenAI clients (LangChain4j's and the official Java SDK), plain and streaming, against the server. */
class OpenAiClientsIT extends EmbeddedServerIT {
    private static final String QUESTION = "How does ayo4j store vectors and warm the prompt cache?";

    private static String base() {
        return s.uri + "/v1";
    }

    @Test
    void langChain4jChatModelGetsTheAppsAnswer() {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(base()).apiKey(EmbeddedServer.KEY)
                .modelName("advanced-rag").build();
        ChatResponse r = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from(QUESTION)).build());
        assertThat(r.aiMessage().text()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(r.tokenUsage().inputTokenCount()).isPositive();
        assertThat(r.tokenUsage().outputTokenCount()).isPositive();
    }

    @Test
    void langChain4jStreamingChatModelStreamsTheAnswerInPieces() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(base())
                .apiKey(EmbeddedServer.KEY).modelName("naive-rag").build();
        StringBuilder streamed = new StringBuilder();
        int[] pieces = {0};
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(QUESTION, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                streamed.append(partial);
                pieces[0]++;
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse r = done.get(60, TimeUnit.SECONDS);
        assertThat(streamed.toString()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(pieces[0]).isGreaterThan(1);
        assertThat(r.aiMessage().text()).isEqualTo(EmbeddedServer.ANSWER);
    }

    @Test
    void openAiSdkChatCompletionPlainAndStreaming() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base()).apiKey(EmbeddedServer.KEY).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("multi-call")
                .addUserMessage(QUESTION).build();

        ChatCompletion c = client.chat().completions().create(params);
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().getFirst().message().content()).contains(EmbeddedServer.ANSWER);
        assertThat(c.usage().orElseThrow().completionTokens()).isPositive();

        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            s.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(client.models().list().data()).extracting(m -> m.id())
                .containsExactly("naive-rag", "advanced-rag", "multi-call");
    }

    @Test
    void langChain4jEmbeddingModelEmbedsOnTheSamePort() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(base()).apiKey(EmbeddedServer.KEY)
                .modelName("all-minilm-l6-v2").build();
        float[] v = model.embed("a passage about Lucene").content().vector();
        assertThat(v).hasSize(384);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }
}
