// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starts generations on an LLM engine for the chat adapters: one {@code Prefill} of the rendered prompt
 * (sent whole, as {@link TaskInputs#PROMPT}), whose {@link Generation} streams the answer.
 */
final class LlmCalls {
    /** The template of every adapter prefill: the whole prompt is one placeholder. */
    private static final PromptTemplate WHOLE_PROMPT = PromptTemplate.of("{{prompt}}");

    private final EngineCalls calls;
    private final int maxTokens;
    private final OutputFormat format;

    LlmCalls(Engine engine, int maxTokens, int jsonListItems, String caller) {
        Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
        Checks.argument(jsonListItems >= 0, "jsonListItems must be >= 0: %s", jsonListItems);
        this.calls = new EngineCalls(engine, caller);
        this.maxTokens = maxTokens;
        this.format = jsonListItems == 0 ? OutputFormat.text() : OutputFormat.jsonList(jsonListItems);
    }

    String engineName() {
        return calls.engine().name();
    }

    /** Prefills the request's prompt and returns the live generation; blocks until prefilled. */
    Generation start(ChatRequest request) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new ModelCallException("ayo4j LLM engines do not call tools; the request has "
                    + request.toolSpecifications().size() + " tool specification(s)");
        }
        String prompt = ChatPrompts.render(request.messages());
        Integer asked = request.maxOutputTokens();
        int budget = asked == null ? maxTokens : asked;
        var op = new Primitive.Prefill(calls.engine().name(), WHOLE_PROMPT, format, budget,
                EngineCalls.estimateTokens(prompt), false);
        TaskResult.Success s = calls.call(op, Map.of("prompt", prompt, TaskInputs.PROMPT, prompt), _ -> {});
        if (!(s.value() instanceof Generation g)) {
            throw new ModelCallException("engine " + engineName() + " answered a Prefill with a "
                    + s.value().getClass().getSimpleName() + ", not a generation");
        }
        return g;
    }

    /** The LangChain4j response for a finished generation's text. */
    ChatResponse response(Generation g, String text, @Nullable Integer asked) {
        int budget = asked == null ? maxTokens : asked;
        int out = g.generatedTokens();
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .modelName(engineName())
                .tokenUsage(new TokenUsage(g.promptTokens(), out))
                .finishReason(out >= budget ? FinishReason.LENGTH : FinishReason.STOP)
                .build();
    }
}
