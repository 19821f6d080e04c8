package dev.ayo4j.graph;

import dev.ayo4j.Checks;

/** A contiguous range {@code [from, to)} of a list value, taken by an edge for a micro-batch. */
public record Slice(int from, int to) {
    public Slice {
        Checks.argument(from >= 0 && to > from, "invalid slice [%s, %s)", from, to);
    }

    public int size() {
        return to - from;
    }

    @Override
    public String toString() {
        return "[" + from + ":" + to + "]";
    }
}
