// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each engine scheduler's busy time, the source of the busy-fraction metric, in virtual time. */
class EngineBusyTimeTest {
    @Test
    void busyTimeIsTheTimeWithABatchExecuting() {
        ManualTicker ticker = new ManualTicker();
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(ticker);
        for (String name : List.of("llm", "embedder", "reranker", "vectors")) {
            b.engine(new TickingEngine(TestingEngine.builder(name).build(), ticker, Duration.ofMillis(10)));
        }
        try (Ayo4jRuntime runtime = b.build()) {
            assertThat(runtime.engineNames()).containsExactly("embedder", "llm", "reranker", "vectors");
            assertThat(runtime.scheduler("embedder").busyNanos()).isZero();
            runtime.run(Fixtures.naiveRag(), Fixtures.ragInputs("q"), Fixtures.GUARD);
            // naive-rag unoptimized: embed, ingest, embed, search, rerank, prefill, each one batch of 10 ms.
            assertThat(runtime.scheduler("embedder").busyNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(runtime.scheduler("vectors").busyNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(runtime.scheduler("reranker").busyNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
            ticker.advance(Duration.ofSeconds(1));
            assertThat(runtime.scheduler("reranker").busyNanos()).as("idle time does not count")
                    .isEqualTo(Duration.ofMillis(10).toNanos());
        }
    }
}
