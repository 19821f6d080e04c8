// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Nested;

/** The engine contract for each kind of LangChain4j engine, each made through the provider. */
class LangChain4jEngineContractTest {
    private abstract static class Only extends AbstractEngineContractTest {
        @Override protected boolean supportsEmbed() { return false; }
        @Override protected boolean supportsIngest() { return false; }
        @Override protected boolean supportsVectorSearch() { return false; }
        @Override protected boolean supportsRerank() { return false; }
        @Override protected boolean supportsPrefill() { return false; }
        @Override protected boolean supportsPartialPrefill() { return false; }
    }

    @Nested
    class ChatModelEngineContractTest extends Only {
        @Override protected Engine createEngine() {
            return Models.engine(LangChain4jEngines.chat("llm", new TestingChatModel()));
        }
        @Override protected boolean supportsPrefill() { return true; }
        @Override protected boolean supportsPartialPrefill() { return true; }
    }

    @Nested
    class StreamingChatModelEngineContractTest extends Only {
        @Override protected Engine createEngine() {
            return Models.engine(LangChain4jEngines.chat("llm", new TestingStreamingChatModel()));
        }
        @Override protected boolean supportsPrefill() { return true; }
        @Override protected boolean supportsPartialPrefill() { return true; }
    }

    @Nested
    class EmbeddingModelEngineContractTest extends Only {
        @Override protected Engine createEngine() {
            return Models.engine(LangChain4jEngines.embedding("embedder", Models.miniLm()));
        }
        @Override protected boolean supportsEmbed() { return true; }
    }

    @Nested
    class ScoringModelEngineContractTest extends Only {
        @Override protected Engine createEngine() {
            return Models.engine(LangChain4jEngines.scoring("reranker", new SimilarityScoringModel(Models.miniLm())));
        }
        @Override protected boolean supportsRerank() { return true; }
    }

    @Nested
    class EmbeddingStoreEngineContractTest extends Only {
        @Override protected Engine createEngine() {
            return Models.engine(LangChain4jEngines.store("vectors", new InMemoryEmbeddingStore<TextSegment>()));
        }
        @Override protected boolean supportsIngest() { return true; }
        @Override protected boolean supportsVectorSearch() { return true; }
    }
}
