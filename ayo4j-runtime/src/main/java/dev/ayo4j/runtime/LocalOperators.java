// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The primitives a query run computes in place, as functions of their inputs: aggregations over the values
 * of their ports, readers of a generation's stream (the whole text or list, or one item of a streamed
 * list), and user steps, each on a virtual thread of its own. They hold no state of the run; what they
 * produce goes to the callbacks they are given.
 */
final class LocalOperators {
    private LocalOperators() {}

    /** What {@code a} makes of its port values ({@code byPort[k]} null for an absent input); null: absent. */
    static Object aggregate(Primitive.Aggregate a, Object[] byPort) {
        List<Object> present = new ArrayList<>(a.arity());
        for (Object v : byPort) {
            if (v != null) {
                present.add(v);
            }
        }
        return switch (a.mode()) {
            case ALL -> {
                long ok = present.stream().filter(s -> ((Signal) s).ok()).count();
                yield new Signal(ok == present.size(), ok + " of " + a.arity() + " ok, "
                        + (a.arity() - present.size()) + " absent");
            }
            case CONCAT -> List.copyOf(Coercions.concat(present));
            case ARRIVAL -> Coercions.arrivalJoin(byPort, a.topK());
            case TOP_K -> {
                Map<String, Passage> best = new LinkedHashMap<>();
                for (Object list : present) {
                    for (Object o : (List<?>) list) {
                        Passage p = (Passage) o;
                        best.merge(p.id(), p, (x, y) -> Passage.BEST_FIRST.compare(x, y) <= 0 ? x : y);
                    }
                }
                yield best.values().stream().sorted(Passage.BEST_FIRST).limit(a.topK()).toList();
            }
            case UNSEEN -> {
                if (byPort[0] == null) {
                    yield null; // no branch, nothing it adds: absent, as the branch is
                }
                Set<String> seen = new HashSet<>();
                for (int k = 1; k < byPort.length; k++) {
                    if (byPort[k] != null) {
                        ((List<?>) byPort[k]).forEach(o -> seen.add(((Passage) o).id()));
                    }
                }
                yield ((List<?>) byPort[0]).stream().map(Passage.class::cast).filter(p -> !seen.contains(p.id())).toList();
            }
        };
    }

    /**
     * Reads {@code g} to its end in {@code format}: every chunk to {@code onChunk}, then the text, or the
     * list cut to its declared size, to {@code onValue}; or the failure to {@code onError}.
     */
    static void readAll(Generation g, OutputFormat format, Consumer<String> onChunk, Consumer<Object> onValue,
                        Consumer<Throwable> onError) {
        boolean list = format instanceof OutputFormat.JsonList;
        int limit = format instanceof OutputFormat.JsonList(int n) ? n : 0;
        g.subscribe(new Generation.Listener() {
            private final StringBuilder text = new StringBuilder();
            private final JsonListParser parser = list ? new JsonListParser() : null;

            @Override
            public void onChunk(String chunk) {
                onChunk.accept(chunk);
                if (parser != null) {
                    parser.feed(chunk);
                } else {
                    text.append(chunk);
                }
            }

            @Override
            public void onEnd() {
                if (parser != null) {
                    parser.end();
                    List<String> items = parser.items();
                    onValue.accept(List.copyOf(items.subList(0, Math.min(limit, items.size()))));
                } else {
                    onValue.accept(text.toString());
                }
            }

            @Override
            public void onError(Throwable cause) {
                onError.accept(cause);
            }
        });
    }

    /**
     * Reads item {@code index} of the JSON list {@code g} streams: to {@code onItem} as soon as it closes, or
     * {@code onMissing} if the list ends without it, or the failure to {@code onError}; exactly one of them.
     */
    static void readItem(Generation g, int index, Consumer<String> onItem, Runnable onMissing,
                         Consumer<Throwable> onError) {
        g.subscribe(new Generation.Listener() {
            private final JsonListParser parser = new JsonListParser();
            private boolean sent;

            @Override
            public void onChunk(String chunk) {
                if (!sent) {
                    parser.feed(chunk);
                    offer();
                }
            }

            private void offer() {
                if (!sent && parser.items().size() > index) {
                    sent = true;
                    onItem.accept(parser.items().get(index));
                }
            }

            @Override
            public void onEnd() {
                if (!sent) {
                    parser.end();
                    offer();
                }
                if (!sent) {
                    sent = true;
                    onMissing.run();
                }
            }

            @Override
            public void onError(Throwable cause) {
                if (!sent) {
                    sent = true;
                    onError.accept(cause);
                }
            }
        });
    }

    /** Where a user step's outcome goes: its value checked against the step's output kind, or its failure. */
    @FunctionalInterface
    interface StepDone {
        /** Step thread {@code thread} ended with {@code value} (checked) or else {@code failure}. */
        void done(Thread thread, @Nullable Object value, @Nullable Throwable failure);
    }

    /**
     * An unstarted virtual thread that applies user step {@code s}'s {@code function} to {@code task}, since
     * the function may block, and hands the outcome to {@code onDone}: a null result is a failure, as is a
     * value not of the step's output kind.
     */
    static Thread step(Primitive.Step s, StepFunction function, Task task, StepDone onDone) {
        Thread[] self = new Thread[1];
        self[0] = Thread.ofVirtual().name("ayo4j-step-" + s.name()).unstarted(() -> {
            Object value = null;
            Throwable failure = null;
            try {
                Object result = function.apply(task);
                if (result == null) {
                    throw new IllegalStateException("it returned null, not a " + s.output() + " value");
                }
                value = s.result().cast(result);
            } catch (Throwable t) {
                failure = t;
            }
            onDone.done(self[0], value, failure);
        });
        return self[0];
    }
}
