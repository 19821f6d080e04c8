// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ayo4j.server.AppService.EngineLoad;
import dev.ayo4j.spi.EngineDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/engines}: what each engine serves, and its busy fraction over windows of at least a second,
 * from the schedulers' busy time.
 */
class EngineLoadsTest {
    private static final long S = 1_000_000_000L;

    private static JsonNode read(EngineLoads loads, long busyNanos, long atNanos) {
        return loads.json(List.of(new EngineLoad("llm", new EngineDescription("llama.cpp", "chain.gguf"), 2, 3, 1, 4,
                busyNanos, atNanos))).get(0);
    }

    @Test
    void theBusyFractionIsMeasuredOverWindowsOfAtLeastASecond() {
        EngineLoads loads = new EngineLoads();
        JsonNode first = read(loads, 0, 10 * S);
        assertThat(first.get("busy_fraction").isNull()).as("no window yet").isTrue();
        assertThat(first.get("queued").asInt()).isEqualTo(3);
        assertThat(first.get("batches").asInt()).isEqualTo(1);
        assertThat(first.get("batch_tasks").asInt()).isEqualTo(4);
        assertThat(first.get("provider").asText()).isEqualTo("llama.cpp");
        assertThat(first.get("model").asText()).isEqualTo("chain.gguf");
        assertThat(first.get("max_concurrency").asInt()).isEqualTo(2);

        assertThat(read(loads, S / 4, 10 * S + S / 2).get("busy_fraction").isNull())
                .as("half a second is too short a window").isTrue();
        JsonNode second = read(loads, S / 2, 12 * S);
        assertThat(second.get("busy_fraction").asDouble()).isEqualTo(0.25);
        assertThat(second.get("busy_window_s").asDouble()).isEqualTo(2.0);
        assertThat(read(loads, S / 2, 12 * S + S / 10).get("busy_fraction").asDouble())
                .as("a read inside the next window repeats the last figure").isEqualTo(0.25);
        assertThat(read(loads, S / 2 + 2 * S, 14 * S).get("busy_fraction").asDouble()).isEqualTo(1.0);
    }

    @Test
    void anEngineThatSaysNothingOfItselfHasNoProviderOrModel() {
        JsonNode store = new EngineLoads().json(List.of(new EngineLoad("vectors", EngineDescription.of("vectors"), 2,
                0, 0, 0, 0, 0))).get(0);
        assertThat(store.get("provider").isNull()).isTrue();
        assertThat(store.get("model").isNull()).isTrue();
        assertThat(store.get("max_concurrency").asInt()).isEqualTo(2);
    }
}
