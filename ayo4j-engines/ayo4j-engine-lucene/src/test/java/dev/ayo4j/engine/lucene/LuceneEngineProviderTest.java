// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.EngineConfig;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuceneEngineProviderTest {
    /** A configuration the provider refuses before it touches the disk, and the message it refuses it with. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exactbelow | 10   | unknown option(s) [exactbelow]; known: [exactBelow, overFetch, root]",
        "overFetch  | 2    | option root (the index folder) is required",
        "root       | ' '  | option root (the index folder) is required",
    })
    void aBadConfigurationIsRefusedNamingTheEngineAndTheProvider(String key, String value, String message) {
        var config = new EngineConfig("vectors", Map.of(key, value));
        assertThatThrownBy(() -> new LuceneEngineProvider().create(config))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine vectors (lucene): " + message);
    }
}
