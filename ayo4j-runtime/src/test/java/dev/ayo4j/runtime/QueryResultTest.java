// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.runtime.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryResultTest {
    private static TraceEvent event(String node, String engine, long start, long end, TraceEvent.Outcome outcome) {
        return new TraceEvent("q", node, "Embed", engine, start, start, end, 1, 1, 0, 0, outcome);
    }

    @Test
    void engineBusyTimeCountsOverlapsOnceAndLeavesLocalAndAbsentWorkOut() {
        QueryResult r = new QueryResult("q", Map.of(), List.of(
                event("a", "embedder", 0, 40, TraceEvent.Outcome.OK),
                event("b", "embedder", 30, 70, TraceEvent.Outcome.OK),
                event("c", "embedder", 100, 110, TraceEvent.Outcome.OK),
                event("d", "llm", 0, 50, TraceEvent.Outcome.OK),
                event("e", TraceEvent.LOCAL, 0, 500, TraceEvent.Outcome.OK),
                event("f", "reranker", 10, 90, TraceEvent.Outcome.ABSENT)), 160, 60);

        assertThat(r.engineBusyNanos()).containsExactly(Map.entry("embedder", 80L), Map.entry("llm", 50L));
    }

    @Test
    void theBoundIsTheBusiestEngineWhenItExceedsTheCriticalPath() {
        QueryResult r = new QueryResult("q", Map.of(), List.of(
                event("a", "embedder", 0, 50, TraceEvent.Outcome.OK),
                event("b", "embedder", 50, 100, TraceEvent.Outcome.OK)), 120, 60);

        assertThat(r.lowerBoundNanos()).isEqualTo(100);
        assertThat(r.boundRatio()).isEqualTo(1.2);
        assertThat(r.ratio()).isEqualTo(2.0);
    }

    @Test
    void theBoundIsTheLargestEngineBusyTimeOnRandomTraces() {
        java.util.Random random = new java.util.Random(14);
        List<String> engines = List.of("embedder", "llm", "reranker", TraceEvent.LOCAL);
        for (int round = 0; round < 500; round++) {
            int n = random.nextInt(round % 2 == 0 ? 12 : 120);
            List<TraceEvent> trace = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                long start = random.nextInt(1000);
                TraceEvent.Outcome outcome = random.nextInt(8) == 0 ? TraceEvent.Outcome.ABSENT : TraceEvent.Outcome.OK;
                trace.add(event("n" + i, engines.get(random.nextInt(engines.size())), start,
                        start + random.nextInt(200) - 20, outcome));
            }
            QueryResult r = new QueryResult("q", Map.of(), trace, 2000, random.nextInt(300));
            long busiest = r.engineBusyNanos().values().stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(r.lowerBoundNanos()).as("round %d, %d events", round, n)
                    .isEqualTo(Math.max(r.criticalPathNanos(), busiest));
        }
    }
}
