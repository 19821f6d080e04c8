// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbstractEngineTest {
    private static final EngineCapabilities CAPABILITIES = new EngineCapabilities(Set.of(Primitive.Embed.class), 8, 1024, 2);

    /** An engine that only exposes the base's helpers. */
    private static final class Plain extends AbstractEngine {
        Plain(String name) {
            super(name, CAPABILITIES);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            return List.of();
        }

        @Override
        public void close() {}
    }

    private static final Task TASK = Task.of(new TaskId("q1", "embed"), new Primitive.Embed("plain", 1, 8), Map.of());

    @Test
    void answersTheNameAndCapabilitiesItWasMadeWith() {
        Plain engine = new Plain("embedder");
        assertThat(engine.name()).isEqualTo("embedder");
        assertThat(engine.capabilities()).isSameAs(CAPABILITIES);
        assertThat(engine.description()).isEqualTo(EngineDescription.of("embedder"));
    }

    @Test
    void refusesANullNameOrCapabilities() {
        assertThatThrownBy(() -> new Plain(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> new AbstractEngine("x", null) {
            @Override
            public List<TaskResult> execute(Batch batch) {
                return List.of();
            }

            @Override
            public void close() {}
        }).isInstanceOf(NullPointerException.class).hasMessage("capabilities");
    }

    @Test
    void closedErrorNamesTheEngine() {
        assertThat(new Plain("llm").closedError()).isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine llm is closed");
    }

    @Test
    void notServedNamesWhatTheEngineServesAndTheTask() {
        assertThat(new Plain("store").notServed(TASK, "Ingest and VectorSearch"))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine store serves Ingest and VectorSearch, not Embed (task q1/embed)");
    }

    @Test
    void failedKeepsAnEngineExceptionAndWrapsAnythingElse() {
        Plain engine = new Plain("llm");
        var retriable = new RetriableEngineException("server busy");
        assertThat(engine.failed(TASK, retriable)).isEqualTo(TaskResult.failure(retriable));

        var bug = new IllegalStateException("broken");
        var failure = (TaskResult.Failure) engine.failed(TASK, bug);
        assertThat(failure.cause()).isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("task q1/embed failed on engine llm: broken").hasCause(bug);
    }
}
