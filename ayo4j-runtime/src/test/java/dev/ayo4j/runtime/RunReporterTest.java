// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.runtime.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run events a query run's listener hears. */
class RunReporterTest {
    private final GraphPlan plan = GraphPlan.of(Fixtures.embedOnly("enc"), CostModel.defaults());
    private final List<RunEvent> heard = new ArrayList<>();

    private int node(String id) {
        return Fixtures.node(plan, id);
    }

    @Test
    void readyNamesTheEngineOrLocalForANodeRunInPlace() {
        RunReporter reporter = new RunReporter("q1", plan, heard::add);

        reporter.ready(node("embed"), 7);
        reporter.ready(node("question"), 9);

        assertThat(heard).containsExactly(
                new RunEvent.Ready("q1", "embed", plan.nodes[node("embed")].op().kindName(), "enc", 7),
                new RunEvent.Ready("q1", "question", plan.nodes[node("question")].op().kindName(), TraceEvent.LOCAL,
                        9));
    }

    @Test
    void startedAndTokensCarryTheQueryAndNode() {
        RunReporter reporter = new RunReporter("q1", plan, heard::add);
        int embed = node("embed");

        reporter.onStart(embed).started(3, 2, 11, false);
        reporter.token(embed, "chunk");

        assertThat(heard).containsExactly(
                new RunEvent.Started("q1", "embed", plan.nodes[embed].op().kindName(), "enc", 3, 2, 11),
                new RunEvent.Token("q1", "embed", "chunk"));
    }

    @Test
    void listenerThatThrowsNeverReachesTheRun() {
        RunReporter reporter = new RunReporter("q1", plan, _ -> {
            throw new IllegalStateException("listener bug");
        });

        assertThatCode(() -> {
            reporter.ready(node("embed"), 1);
            reporter.failed(new RuntimeException("cause"));
        }).doesNotThrowAnyException();
    }

    @Test
    void noListenerNeedsNoStartCallback() {
        assertThat(new RunReporter("q1", plan, RunListener.NONE).onStart(node("embed")))
                .isSameAs(EngineScheduler.OnStart.NONE);
    }
}
