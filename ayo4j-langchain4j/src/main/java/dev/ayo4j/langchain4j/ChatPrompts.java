// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;

/**
 * Renders LangChain4j chat messages to one plain-text prompt for a completion-style ayo4j LLM engine.
 *
 * <p>The rendering is fixed and deterministic, and uses no model-specific chat template:
 * <ul>
 *   <li>a conversation of a single user message renders as that message's text, verbatim, so a
 *       LangChain4j call and an ayo4j {@code Prefill} of the same text send the same prompt;</li>
 *   <li>anything else renders each message as {@code Role: text} ({@code System}, {@code User},
 *       {@code Assistant}, {@code Tool}), separated by a blank line, followed by a blank line and
 *       {@code Assistant:} for the model to continue.</li>
 * </ul>
 * Only text is supported: an image, audio or other non-text content fails with a
 * {@link ModelCallException}.
 */
public final class ChatPrompts {
    private ChatPrompts() {}

    /** The prompt for {@code messages}; see the class comment. */
    public static String render(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            throw new ModelCallException("a chat request needs at least one message");
        }
        if (messages.size() == 1 && messages.getFirst() instanceof UserMessage only) {
            return text(only);
        }
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) {
            String line = switch (m) {
                case SystemMessage s -> "System: " + s.text();
                case UserMessage u -> "User: " + text(u);
                case AiMessage a -> "Assistant: " + (a.text() == null ? "" : a.text());
                case ToolExecutionResultMessage t -> "Tool (" + t.toolName() + "): " + t.text();
                default -> throw new ModelCallException("cannot render a " + m.type() + " message as a prompt");
            };
            out.append(line).append("\n\n");
        }
        return out.append("Assistant:").toString();
    }

    private static String text(UserMessage u) {
        StringBuilder out = new StringBuilder();
        for (Content c : u.contents()) {
            if (!(c instanceof TextContent t)) {
                throw new ModelCallException("ayo4j LLM engines take text only; the user message has "
                        + c.type() + " content");
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(t.text());
        }
        return out.toString();
    }
}
