// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hand-written streaming chat model for tests: the answers of {@link TestingChatModel}, streamed word by
 * word on a virtual thread; a cancelled stream stops between words. Reports no token counts.
 */
final class TestingStreamingChatModel implements StreamingChatModel {
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        String prompt = ((UserMessage) request.messages().getLast()).singleText();
        Thread.ofVirtual().start(() -> {
            String text;
            try {
                text = TestingChatModel.answer(prompt);
            } catch (RuntimeException e) {
                handler.onError(e);
                return;
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            StreamingHandle handle = new StreamingHandle() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            };
            StringBuilder sent = new StringBuilder();
            for (String word : text.split("(?<= )")) {
                if (cancelled.get()) {
                    break;
                }
                sent.append(word);
                handler.onPartialResponse(new PartialResponse(word), new PartialResponseContext(handle));
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(sent.toString())).build());
        });
    }
}
