// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import dev.ayo4j.Checks;
import dev.ayo4j.engine.onnx.EncoderModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What cutting one embedding call into micro-batches costs on the in-process ONNX encoder: the price
 * stage decomposition pays for overlapping ingestion with embedding. The same texts are embedded in
 * one call and in k calls, the k slices taken in length order (as the planner slices) and in list
 * order. The ways run interleaved, in a rotated order each round, so that a slow stretch of a shared
 * machine falls on all of them.
 */
public final class SplitBenchmark {
    /**
     * What to run.
     *
     * @param calls  numbers of calls to cut the texts into (1 is the whole, the reference)
     * @param rounds times each way runs
     */
    public record Settings(List<Integer> calls, int rounds) {
        public Settings {
            calls = List.copyOf(calls);
            Checks.argument(!calls.isEmpty(), "calls must not be empty");
            for (int k : calls) {
                Checks.argument(k >= 1, "calls must be >= 1: %s", k);
            }
            Checks.argument(rounds >= 1, "rounds must be >= 1: %s", rounds);
        }
    }

    /** How a list of texts is cut into calls. */
    public enum Order {
        /** One call of every text. */
        WHOLE,
        /** Slices of the texts sorted by length, as {@code StageDecomposeRule} cuts them. */
        LENGTH,
        /** Consecutive slices of the list as given. */
        LIST
    }

    /**
     * One way of embedding the texts.
     *
     * @param calls      calls made
     * @param order      how the texts were cut
     * @param meanMs     mean wall time of embedding all texts this way
     * @param overWhole  {@code meanMs} over the whole call's, or NaN when no whole call ran
     */
    public record Way(int calls, Order order, double meanMs, double overWhole) {}

    /** The figures of one run. */
    public record Report(String encoder, int texts, int rounds, List<Way> ways) {}

    private record Plan(int calls, Order order) {}

    /** Embeds {@code texts} every way {@code settings} asks for and prints a table to {@code out}. */
    public Report run(EncoderModel model, List<String> texts, Settings settings, PrintStream out) {
        Checks.argument(!texts.isEmpty(), "no texts to embed");
        List<String> byLength = new ArrayList<>(texts);
        byLength.sort(Comparator.comparingInt(String::length));
        List<Plan> plans = new ArrayList<>();
        for (int k : settings.calls()) {
            Checks.argument(k <= texts.size(), "cannot cut %s texts into %s calls", texts.size(), k);
            if (k == 1) {
                plans.add(new Plan(1, Order.WHOLE));
            } else {
                plans.add(new Plan(k, Order.LENGTH));
                plans.add(new Plan(k, Order.LIST));
            }
        }
        model.embed(texts.subList(0, Math.min(texts.size(), 32)));
        long[] nanos = new long[plans.size()];
        for (int round = 0; round < settings.rounds(); round++) {
            for (int v = 0; v < plans.size(); v++) {
                int i = (v + round) % plans.size();
                Plan p = plans.get(i);
                long start = System.nanoTime();
                embed(model, p.order() == Order.LIST ? texts : byLength, p.calls());
                nanos[i] += System.nanoTime() - start;
            }
            out.printf("  round %d of %d done%n", round + 1, settings.rounds());
        }
        double whole = Double.NaN;
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).order() == Order.WHOLE) {
                whole = nanos[i] / 1e6 / settings.rounds();
            }
        }
        List<Way> ways = new ArrayList<>();
        out.printf("%n  %-8s %-8s %10s %10s%n", "calls", "order", "mean ms", "vs whole");
        for (int i = 0; i < plans.size(); i++) {
            double mean = nanos[i] / 1e6 / settings.rounds();
            Way w = new Way(plans.get(i).calls(), plans.get(i).order(), mean, mean / whole);
            ways.add(w);
            out.printf("  %-8d %-8s %10.0f %10s%n", w.calls(), w.order().name().toLowerCase(java.util.Locale.ROOT),
                    w.meanMs(), Double.isNaN(w.overWhole()) ? "-" : String.format("%+.1f %%", 100 * (w.overWhole() - 1)));
        }
        return new Report(model.name(), texts.size(), settings.rounds(), List.copyOf(ways));
    }

    /** Embeds {@code texts} in {@code calls} consecutive slices of near-equal size. */
    static void embed(EncoderModel model, List<String> texts, int calls) {
        int n = texts.size();
        int size = (n + calls - 1) / calls;
        for (int from = 0; from < n; from += size) {
            model.embed(texts.subList(from, Math.min(n, from + size)));
        }
    }
}
