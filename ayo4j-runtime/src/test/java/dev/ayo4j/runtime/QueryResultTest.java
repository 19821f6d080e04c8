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
}
