// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene vector store against the engine contract. */
class LuceneVectorStoreContractTest extends AbstractEngineContractTest {
    @TempDir
    Path root;

    @Override
    protected Engine createEngine() {
        return LuceneVectorStore.builder("vectors", root).build();
    }

    @Override protected boolean supportsEmbed() { return false; }
    @Override protected boolean supportsRerank() { return false; }
    @Override protected boolean supportsPrefill() { return false; }
    @Override protected boolean supportsPartialPrefill() { return false; }
}
