// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.spi.PrefillCounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading a server's prompt usage in the shapes servers send it, including the null fields vLLM fills in
 * beside {@code cached_tokens} and the {@code prompt_tokens_details: null} it sends without
 * {@code --enable-prompt-tokens-details}.
 */
class PromptUsageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            vLLM, with the other details null | {"usage":{"prompt_tokens":412,"completion_tokens":5,"total_tokens":417,"prompt_tokens_details":{"text_tokens":null,"audio_tokens":null,"image_tokens":null,"cached_tokens":384},"completion_tokens_details":{"reasoning_tokens":null}}} | 412 | 28
            vLLM without the flag             | {"usage":{"prompt_tokens":412,"completion_tokens":5,"total_tokens":417,"prompt_tokens_details":null}} | 412 | -1
            cached_tokens null                | {"usage":{"prompt_tokens":412,"prompt_tokens_details":{"cached_tokens":null}}} | 412 | -1
            SGLang, nothing cached           | {"usage":{"prompt_tokens":230,"prompt_tokens_details":{"cached_tokens":0}}} | 230 | 230
            llama.cpp server                  | {"usage":{"prompt_tokens":230},"timings":{"prompt_n":38,"cache_n":192}} | 230 | 38
            no usage at all                   | {"choices":[]} | -1 | -1
            """)
    void readsWhatTheServerSays(String server, String body, int prompt, int prefilled) throws Exception {
        PromptUsage usage = PromptUsage.of(JSON.readTree(body));

        assertThat(usage).as(server).isEqualTo(new PromptUsage(prompt, prefilled));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reported   | 412 | 28 | true
            unreported | 412 | -1 | false
            """)
    void countsAreReportedOnlyWhereTheServerSaidWhatItPrefilled(String what, int prompt, int prefilled,
                                                                boolean reported) {
        PrefillCounts counts = new PromptUsage(prompt, prefilled).counts(0);

        assertThat(counts.allReported()).as(what).isEqualTo(reported);
        assertThat(counts.promptTokens()).isEqualTo(prompt);
        assertThat(counts.prefilledTokens()).isEqualTo(reported ? prefilled : prompt);
    }
}
