// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.graph.Slice;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Value conversions along an edge, exactly those {@link ValueKind#canFeed} allows, and edge slices.
 *
 * <p>A single TEXT feeding a TEXT_LIST port becomes a one-element list; a PASSAGE_LIST feeding a TEXT
 * port (a prompt placeholder) becomes numbered context, {@code "[1] text\n\n[2] text"}, in list order;
 * a PASSAGE_LIST feeding a TEXT_LIST port becomes the passages' texts. Engines see only converted
 * values.
 */
public final class Coercions {
    private Coercions() {}

    /** {@code value} of kind {@code from} as a value of kind {@code to}; throws if no coercion exists. */
    public static Object coerce(Object value, ValueKind from, ValueKind to) {
        if (from == to) {
            return value;
        }
        return switch (from) {
            case TEXT -> {
                if (to == ValueKind.TEXT_LIST) {
                    yield List.of((String) value);
                }
                throw noCoercion(from, to);
            }
            case PASSAGE_LIST -> switch (to) {
                case TEXT -> numberedContext(passages(value));
                case TEXT_LIST -> passages(value).stream().map(Passage::text).toList();
                case PASSAGE_LIST, VECTOR_LIST, SIGNAL, GENERATION -> throw noCoercion(from, to);
            };
            case TEXT_LIST, VECTOR_LIST, SIGNAL, GENERATION -> throw noCoercion(from, to);
        };
    }

    /** Passages as numbered context: {@code [i] text}, separated by a blank line. */
    public static String numberedContext(List<Passage> passages) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            if (i > 0) {
                out.append("\n\n");
            }
            out.append('[').append(i + 1).append("] ").append(passages.get(i).text());
        }
        return out.toString();
    }

    /**
     * The part of list {@code value} an edge slice takes, in the slice's order; clamped to the list's
     * length. A {@link Slice.Order#LENGTH} slice sorts stably, so every slice of one list sees the same
     * permutation and the slices of a partition stay aligned across edges.
     */
    public static List<?> slice(Object value, Slice slice) {
        List<?> list = switch (slice.order()) {
            case LIST -> (List<?>) value;
            case LENGTH -> byTextLength((List<?>) value);
        };
        int from = Math.min(slice.from(), list.size());
        int to = Math.min(slice.to(), list.size());
        return List.copyOf(list.subList(from, to));
    }

    private static List<?> byTextLength(List<?> list) {
        List<Object> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Coercions::textLength));
        return sorted;
    }

    private static int textLength(Object item) {
        return switch (item) {
            case String s -> s.length();
            case Passage p -> p.text().length();
            default -> throw new IllegalArgumentException(
                    "a slice by length takes texts or passages, not " + item.getClass().getSimpleName());
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Passage> passages(Object value) {
        return (List<Passage>) value;
    }

    private static IllegalArgumentException noCoercion(ValueKind from, ValueKind to) {
        return new IllegalArgumentException("no coercion from " + from + " to " + to);
    }

    /** Concatenation of lists, for CONCAT aggregates. */
    static List<Object> concat(List<?> lists) {
        List<Object> out = new ArrayList<>();
        for (Object l : lists) {
            out.addAll((List<?>) l);
        }
        return out;
    }

    /**
     * Joins passage lists in port order: list {@code r} adds its best passages not yet taken, up to its
     * share of {@code topK} plus what earlier lists left unused; an absent (null) list leaves its
     * share. This is how an {@code ARRIVAL} aggregate joins the reranked lists of an arrival-ordered context.
     */
    public static List<Passage> arrivalJoin(@Nullable Object[] byPort, int topK) {
        Map<String, Passage> taken = new LinkedHashMap<>();
        int carry = 0;
        for (int r = 0; r < byPort.length; r++) {
            int budget = carry + Primitive.Aggregate.arrivalShare(topK, byPort.length, r);
            if (byPort[r] != null) {
                List<Passage> list = new ArrayList<>();
                for (Object o : (List<?>) byPort[r]) {
                    list.add((Passage) o);
                }
                list.sort(Passage.BEST_FIRST);
                for (Passage p : list) {
                    if (budget == 0) {
                        break;
                    }
                    if (taken.putIfAbsent(p.id(), p) == null) {
                        budget--;
                    }
                }
            }
            carry = budget;
        }
        return List.copyOf(taken.values());
    }
}
