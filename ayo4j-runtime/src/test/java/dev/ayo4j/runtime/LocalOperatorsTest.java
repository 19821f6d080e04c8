// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Aggregations computed in place, and user steps run on virtual threads of their own. */
class LocalOperatorsTest {
    private static final Primitive.Aggregate UNSEEN = new Primitive.Aggregate(AggregateMode.UNSEEN,
            ValueKind.PASSAGE_LIST, 3, 0);

    private static Passage p(String id) {
        return new Passage(id, "text of " + id, 0.5, id);
    }

    @Test
    void unseenKeepsThePassagesOfItsFirstInputThatNoOtherInputHolds() {
        Object out = LocalOperators.aggregate(UNSEEN, new Object[] {List.of(p("a"), p("b"), p("c"), p("d")),
            List.of(p("b")), List.of(p("d"), p("e"))});

        assertThat(out).isEqualTo(List.of(p("a"), p("c")));
    }

    @Test
    void unseenIsAbsentWhenItsBranchIsAndIgnoresAbsentEarlierBranches() {
        assertThat(LocalOperators.aggregate(UNSEEN, new Object[] {null, List.of(p("a")), null})).isNull();
        assertThat(LocalOperators.aggregate(UNSEEN, new Object[] {List.of(p("a")), null, List.of(p("a"))}))
                .isEqualTo(List.of());
    }

    private static final Primitive.Step UPPER = new Primitive.Step("upper", List.of(Port.of("text", ValueKind.TEXT)),
            ValueKind.TEXT);
    private static final Task TASK = Task.of(new TaskId("q1", "step.upper"), UPPER, Map.of("text", "abc"));

    private record Outcome(Thread thread, Object value, Throwable failure) {}

    private static Outcome run(StepFunction function) throws Exception {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Thread thread = LocalOperators.step(UPPER, function, TASK, (t, v, f) -> done.complete(new Outcome(t, v, f)));
        assertThat(thread.isVirtual()).isTrue();
        assertThat(thread.getName()).isEqualTo("ayo4j-step-upper");
        thread.start();
        Outcome outcome = done.get(Fixtures.GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.thread()).isSameAs(thread);
        return outcome;
    }

    @Test
    void stepHandsOverItsCheckedValue() throws Exception {
        Outcome outcome = run(task -> ((String) task.inputs().get("text")).toUpperCase());

        assertThat(outcome.value()).isEqualTo("ABC");
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void nullResultIsAFailureNamingTheExpectedKind() throws Exception {
        Outcome outcome = run(task -> null);

        assertThat(outcome.value()).isNull();
        assertThat(outcome.failure()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("it returned null, not a ");
    }

    @Test
    void valueOfAnotherKindIsAFailure() throws Exception {
        Outcome outcome = run(task -> 42);

        assertThat(outcome.value()).isNull();
        assertThat(outcome.failure()).isNotNull();
    }

    @Test
    void whatTheFunctionThrowsIsTheFailure() throws Exception {
        Exception boom = new Exception("boom");

        assertThat(run(task -> {
            throw boom;
        }).failure()).isSameAs(boom);
    }
}
