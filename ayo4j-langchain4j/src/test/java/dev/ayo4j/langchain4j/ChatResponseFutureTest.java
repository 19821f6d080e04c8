// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatResponseFutureTest {
    @Test
    void passesPartialsOnInOrderThenEndsWithTheResponse() {
        List<String> partials = new ArrayList<>();
        ChatResponseFuture handler = new ChatResponseFuture(partials::add);
        handler.onPartialResponse("a");
        handler.onPartialResponse("b");
        assertThat(handler.response()).isNotDone();

        ChatResponse whole = ChatResponse.builder().aiMessage(AiMessage.from("ab")).build();
        handler.onCompleteResponse(whole);

        assertThat(partials).containsExactly("a", "b");
        assertThat(handler.response()).isCompletedWithValue(whole);
    }

    @Test
    void anErrorEndsTheResponseWithIt() {
        ChatResponseFuture handler = new ChatResponseFuture(p -> {});
        IllegalStateException error = new IllegalStateException("model down");

        handler.onError(error);

        assertThat(handler.response()).isCompletedExceptionally();
        assertThat(handler.response().exceptionNow()).isSameAs(error);
    }
}
