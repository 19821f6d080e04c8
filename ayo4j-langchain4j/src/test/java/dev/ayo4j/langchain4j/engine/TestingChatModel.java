// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-written LangChain4j chat model for tests: asked for a JSON array of n queries (as the expansion
 * prompt does) it answers n rephrasings of the question, otherwise a sentence that quotes the question;
 * token counts are the prompt's and answer's word counts. Records every prompt; fails prompts that
 * contain {@link #FAIL}.
 */
final class TestingChatModel implements ChatModel {
    /** A prompt containing this fails with an exception naming it. */
    static final String FAIL = "please fail";

    private static final Pattern COUNT = Pattern.compile("Write (\\d+) different short search queries");
    private static final Pattern QUESTION = Pattern.compile("Question: (.*)");

    final List<String> prompts = new CopyOnWriteArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String prompt = ((UserMessage) request.messages().getLast()).singleText();
        prompts.add(prompt);
        String text = answer(prompt);
        return ChatResponse.builder().aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(words(prompt), words(text))).build();
    }

    static String answer(String prompt) {
        if (prompt.contains(FAIL)) {
            throw new IllegalStateException("the testing chat model fails as asked");
        }
        Matcher q = QUESTION.matcher(prompt);
        String question = q.find() ? q.group(1).strip() : "?";
        Matcher n = COUNT.matcher(prompt);
        if (n.find()) {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < Integer.parseInt(n.group(1)); i++) {
                list.append(i == 0 ? "" : ", ").append('"').append(question.replace("\"", "")).append(" ")
                        .append(i).append('"');
            }
            return list.append(']').toString();
        }
        return "The answer to '" + question + "' is in the context [1].";
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }
}
