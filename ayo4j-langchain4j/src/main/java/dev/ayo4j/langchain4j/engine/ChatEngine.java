// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchFanout;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

/**
 * LLM engine on a LangChain4j chat model: each {@code Prefill} is one chat request of the rendered prompt
 * as a user message, with the primitive's token limit. A streaming model's tokens flow into the
 * generation as they arrive and {@code execute} returns at the first one; a blocking model's answer
 * arrives in one piece when the call returns. A {@code PartialPrefill} is answered at once with a signal
 * that is not done: a chat API cannot prefill without generating, so the runtime falls back.
 */
final class ChatEngine extends ModelEngine {
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("lc4j-chat-", 0).factory();

    /** The chat model, blocking or streaming. */
    sealed interface Backend {
        static Backend blocking(ChatModel model) {
            return new Blocking(model);
        }

        static Backend streaming(StreamingChatModel model) {
            return new Streaming(model);
        }

        record Blocking(ChatModel model) implements Backend {}

        record Streaming(StreamingChatModel model) implements Backend {}
    }

    private final Backend backend;

    ChatEngine(String name, Limits limits, Backend backend) {
        super(name, "chat", limits, Set.of(Primitive.Prefill.class, Primitive.PartialPrefill.class));
        this.backend = backend;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        return BatchFanout.runEach(batch, THREADS, this::run);
    }

    private TaskResult run(Task task) {
        try {
            return switch (task.op()) {
                case Primitive.PartialPrefill _ -> TaskResult.success(Signal.failed(
                        "a LangChain4j chat model cannot prefill a prompt without generating"));
                case Primitive.Prefill p -> {
                    ChatRequest request = ChatRequest.builder().messages(UserMessage.from(TaskInputs.prompt(task)))
                            .maxOutputTokens(p.maxTokens()).build();
                    yield switch (backend) {
                        case Backend.Blocking b -> blocking(b.model(), request, task);
                        case Backend.Streaming s -> streaming(s.model(), request, task);
                    };
                }
                default -> throw new IllegalArgumentException("a chat engine does not run " + task.op().kindName());
            };
        } catch (RuntimeException e) {
            return failure(task, e);
        }
    }

    private static TaskResult blocking(ChatModel model, ChatRequest request, Task task) {
        GenerationStream stream = new GenerationStream();
        task.publish().accept(stream);
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            stream.fail(e);
            throw e;
        }
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text();
        TokenUsage usage = response.tokenUsage();
        int in = usage == null ? 0 : Failures.count(usage.inputTokenCount());
        int out = usage == null ? 0 : Failures.count(usage.outputTokenCount());
        stream.markPrefilled(in);
        stream.append(text, out);
        stream.complete();
        return TaskResult.success(stream, in, out);
    }

    private static TaskResult streaming(StreamingChatModel model, ChatRequest request, Task task) {
        GenerationStream stream = new GenerationStream();
        task.publish().accept(stream);
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                stream.onCancel(() -> context.streamingHandle().cancel());
                stream.append(partial.text(), 0);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                TokenUsage usage = response.tokenUsage();
                stream.markPrefilled(usage == null ? 0 : Failures.count(usage.inputTokenCount()));
                stream.complete();
            }

            @Override
            public void onError(Throwable error) {
                stream.fail(error);
            }
        };
        try {
            model.chat(request, handler);
        } catch (RuntimeException e) {
            stream.fail(e);
            throw e;
        }
        try {
            stream.prefilled().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.toString(), cause);
        }
        return TaskResult.success(stream, stream.promptTokens(), 0);
    }

    @Override
    public String toString() {
        return super.toString() + " (" + backend.getClass().getSimpleName().toLowerCase() + ")";
    }
}
