// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.EngineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LuceneEngineProviderTest {
    @Test
    void anUnknownOptionIsRejectedNamingTheKnownOnes() {
        var config = new EngineConfig("vectors", Map.of("root", "unused", "exactbelow", "10"));
        assertThatThrownBy(() -> new LuceneEngineProvider().create(config))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine vectors (lucene): unknown option(s) [exactbelow]; known: [exactBelow, overFetch, root]");
    }

    @Test
    void theRootIsRequired() {
        assertThatThrownBy(() -> new LuceneEngineProvider().create(new EngineConfig("vectors", Map.of())))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine vectors (lucene): option root (the index folder) is required");
    }
}
