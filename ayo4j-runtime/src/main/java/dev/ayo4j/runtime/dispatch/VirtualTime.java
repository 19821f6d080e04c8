// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Ticker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Driver of a {@link DispatchCore} in virtual time: the simulators' event loop. Work arrives at given times,
 * each batch the core runs occupies its member for the service time of its items, and the core is ticked at
 * every arrival, every batch's end and every deadline it asked for. Events of one instant are applied
 * together (ends first, then arrivals) before the tick. Members never fail. Deterministic.
 */
public final class VirtualTime {
    private VirtualTime() {}

    /** {@code work} arriving at {@code atNanos} of virtual time. */
    public record Arrival<T>(long atNanos, Work<T> work) {}

    /** How long a batch of items occupies its member. */
    @FunctionalInterface
    public interface ServiceTime<T> {
        /** Nanoseconds {@code batch} runs. */
        long nanos(List<T> batch);
    }

    /** How long a batch occupies its member, from the whole decision (its member and level too). */
    @FunctionalInterface
    public interface RunTime<T> {
        /** Nanoseconds {@code run} runs. */
        long nanos(Action.Run<T> run);
    }

    /** A batch the core ran and when it ended. */
    public record Ran<T>(Action.Run<T> run, long endNanos) {}

    /**
     * Replays {@code arrivals} (in arrival order) through a core configured by {@code config} until nothing is
     * queued; returns every batch in the order the core decided them.
     */
    public static <T> List<Ran<T>> replay(DispatchCore.Config config, List<Arrival<T>> arrivals,
                                          ServiceTime<T> service) {
        return replayRuns(config, arrivals, run -> service.nanos(run.items()));
    }

    /** As {@link #replay}, with a service time that reads the whole decision. */
    public static <T> List<Ran<T>> replayRuns(DispatchCore.Config config, List<Arrival<T>> arrivals,
                                              RunTime<T> service) {
        Clock clock = new Clock();
        DispatchCore<T> core = new DispatchCore<>(config, clock);
        PriorityQueue<Ran<T>> running = new PriorityQueue<>(Comparator.<Ran<T>>comparingLong(Ran::endNanos)
                .thenComparingLong(r -> r.run().batchId()));
        List<Ran<T>> ran = new ArrayList<>();
        long wake = Long.MAX_VALUE;
        int next = 0;
        while (next < arrivals.size() || core.queued() > 0) {
            long t = Math.min(wake, Math.min(next < arrivals.size() ? arrivals.get(next).atNanos() : Long.MAX_VALUE,
                    running.isEmpty() ? Long.MAX_VALUE : running.peek().endNanos()));
            Checks.state(t != Long.MAX_VALUE, "policy of %s idles with %s queued on an idle pool", config.name(),
                    core.queued());
            clock.now = Math.max(t, clock.now);
            while (!running.isEmpty() && running.peek().endNanos() <= clock.now) {
                core.complete(running.poll().run().batchId(), 0);
            }
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= clock.now) {
                core.submit(arrivals.get(next++).work());
            }
            wake = Long.MAX_VALUE;
            for (Action<T> action : core.tick()) {
                switch (action) {
                    case Action.Run<T> run -> {
                        Ran<T> r = new Ran<>(run, clock.now + service.nanos(run));
                        running.add(r);
                        ran.add(r);
                    }
                    case Action.Probe<T> _ -> throw new IllegalStateException("no member fails in virtual time");
                    case Action.WaitUntil<T>(long deadline) -> wake = deadline;
                }
            }
        }
        return ran;
    }

    /** Virtual time; only the loop moves it. */
    private static final class Clock implements Ticker {
        long now;

        @Override
        public long read() {
            return now;
        }
    }
}
