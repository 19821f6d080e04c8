// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Parsing of the event payloads real servers send, as documented by each server. */
class StreamChunkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsCompletionText() throws Exception {
        StreamChunk c = StreamChunk.parse(JSON,
                "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" blue\","
                        + "\"logprobs\":null,\"finish_reason\":null}]}", OpenAiApi.COMPLETIONS);
        assertThat(c).isEqualTo(new StreamChunk(true, " blue", null, -1, null));
    }

    @Test
    void readsChatDeltaAndFinishReason() throws Exception {
        StreamChunk c = StreamChunk.parse(JSON, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"sky\"},\"finish_reason\":\"stop\"}]}", OpenAiApi.CHAT);
        assertThat(c).isEqualTo(new StreamChunk(true, "sky", "stop", -1, null));
    }

    @Test
    void roleOnlyChatChunkHasAChoiceButNoText() throws Exception {
        StreamChunk c = StreamChunk.parse(JSON,
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}", OpenAiApi.CHAT);
        assertThat(c.hasChoice()).isTrue();
        assertThat(c.text()).isEmpty();
    }

    @Test
    void readsTheUsageChunk() throws Exception {
        StreamChunk c = StreamChunk.parse(JSON, "{\"choices\":[],\"usage\":{\"prompt_tokens\":57,"
                + "\"completion_tokens\":9,\"total_tokens\":66}}", OpenAiApi.COMPLETIONS);
        assertThat(c).isEqualTo(new StreamChunk(false, "", null, 57, null));
    }

    @Test
    void readsErrorsInsideTheStreamInBothShapes() throws Exception {
        assertThat(StreamChunk.parse(JSON, "{\"error\":{\"message\":\"out of KV cache\",\"code\":500}}",
                OpenAiApi.COMPLETIONS).error()).isEqualTo("out of KV cache");
        assertThat(StreamChunk.parse(JSON, "{\"object\":\"error\",\"message\":\"aborted\",\"code\":500}",
                OpenAiApi.COMPLETIONS).error()).isEqualTo("aborted");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> StreamChunk.parse(JSON, "{\"choices\": [", OpenAiApi.COMPLETIONS))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> StreamChunk.parse(JSON, "42", OpenAiApi.COMPLETIONS))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("JSON object");
    }
}
