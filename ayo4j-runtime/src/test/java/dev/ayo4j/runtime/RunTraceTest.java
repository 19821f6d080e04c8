// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.runtime.trace.TraceEvent.Outcome;
import dev.ayo4j.testkit.ManualTicker;
import org.junit.jupiter.api.Test;

/** The times and events a run's trace records per node. */
class RunTraceTest {
    private final GraphPlan plan = GraphPlan.of(Fixtures.embedOnly("enc"), CostModel.defaults());
    private final ManualTicker ticker = new ManualTicker();
    private final RunTrace trace = new RunTrace("q1", plan, ticker);

    @Test
    void localEventSpansFromStartToNowAfterItsReadyTime() {
        ticker.set(5);
        assertThat(trace.ready(0)).isEqualTo(5);
        ticker.set(10);
        trace.started(0);
        ticker.set(30);

        TraceEvent e = trace.local(0, Outcome.OK);

        assertThat(e.queryId()).isEqualTo("q1");
        assertThat(e.nodeId()).isEqualTo(plan.nodes[0].id().value());
        assertThat(e.engine()).isEqualTo(TraceEvent.LOCAL);
        assertThat(e.enqueueNanos()).isEqualTo(5);
        assertThat(e.startNanos()).isEqualTo(10);
        assertThat(e.endNanos()).isEqualTo(30);
        assertThat(e.outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void instantEventStartsAndEndsNow() {
        trace.ready(1);
        ticker.set(40);

        TraceEvent e = trace.instant(1, Outcome.SKIPPED);

        assertThat(e.startNanos()).isEqualTo(40);
        assertThat(e.endNanos()).isEqualTo(40);
        assertThat(e.outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void eventsHoldTheLastRecordedEventPerNodeInNodeOrder() {
        TraceEvent first = trace.record(1, trace.instant(1, Outcome.OK));
        TraceEvent second = trace.record(1, trace.instant(1, Outcome.FAILED));

        assertThat(first).isNotSameAs(second);
        assertThat(trace.events()).hasSize(plan.size()).element(1).isSameAs(second);
        assertThat(trace.events().get(0)).isNull();
    }
}
