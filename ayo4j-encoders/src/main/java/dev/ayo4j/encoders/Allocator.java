// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arlo's periodic re-allocation (Arlo §4.2): splits {@code W} workers (ONNX sessions, remote instances)
 * across length bins so that the estimated mean latency of the recent traffic is smallest, with at least
 * one worker on the longest bin so every request can be served.
 *
 * <p>Model: a bin with no worker demotes its traffic to the next longer bin that has workers (where it runs
 * at that bin's service time). A served group with arrival rate {@code r}, per-request service time
 * {@code s} and {@code n} workers, evenly split, is treated as {@code n} M/M/1 queues: latency
 * {@code s / (1 - ρ)} with {@code ρ = r·s / n}; an overloaded group ({@code ρ >= 1}) costs a large
 * penalty growing with {@code ρ}, so less overload is always preferred. The objective is the
 * arrival-weighted sum, Σ r·latency (Arlo's Σ L_i(B_i)·C_i), where Arlo used Gurobi on a non-linear
 * integer program.
 *
 * <p>Solver: an exact dynamic program over (bins, workers) — O(K²·W²) — when that is at most
 * {@link #EXACT_LIMIT} steps (e.g. 200 workers on 16 bins); otherwise a greedy that adds one worker at a
 * time where it lowers the objective most. Pure and thread-safe.
 */
public final class Allocator {
    /** Largest K²·W² the exact solver takes on; beyond it the greedy runs. */
    public static final long EXACT_LIMIT = 20_000_000L;
    private static final double OVERLOAD = 1e6;

    private Allocator() {}

    /**
     * Recent demand of one bin.
     *
     * @param arrivalsPerSecond requests per second that fit this bin best (arrival count over the window
     *                          divided by its length)
     * @param serviceSeconds    seconds one worker of this bin takes per request (from the cost profile)
     */
    public record BinLoad(double arrivalsPerSecond, double serviceSeconds) {
        public BinLoad {
            Checks.argument(arrivalsPerSecond >= 0, "arrival rate must be >= 0: %s", arrivalsPerSecond);
            Checks.argument(serviceSeconds > 0, "service time must be > 0: %s", serviceSeconds);
        }
    }

    /**
     * Workers per bin and the model's estimate for it.
     *
     * @param workersPerBin            workers of each bin, summing to W, the last one at least 1
     * @param estimatedLatencySeconds  arrival-weighted mean latency the model predicts (huge if overloaded)
     * @param exact                    whether the exact solver produced it
     */
    public record Allocation(List<Integer> workersPerBin, double estimatedLatencySeconds, boolean exact) {
        public Allocation {
            workersPerBin = List.copyOf(workersPerBin);
        }

        /** Workers on {@code bin}. */
        public int workers(int bin) {
            return workersPerBin.get(bin);
        }
    }

    /** Workers split as evenly as possible over {@code bins}, the remainder to the longest bins. */
    public static List<Integer> evenSplit(int workers, int bins) {
        Checks.argument(bins > 0 && workers >= bins, "even split needs workers >= bins > 0: %s, %s", workers, bins);
        List<Integer> split = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            split.add(workers / bins + (i >= bins - workers % bins ? 1 : 0));
        }
        return split;
    }

    /** The allocation of {@code workers} workers over {@code loads} (shortest bin first) the model prefers. */
    public static Allocation allocate(int workers, List<BinLoad> loads) {
        Checks.argument(!loads.isEmpty(), "allocation needs at least one bin");
        Checks.argument(workers > 0, "allocation needs at least one worker: %s", workers);
        long k = loads.size();
        if (k * k * workers * (long) workers <= EXACT_LIMIT) {
            return exact(workers, loads);
        }
        return greedy(workers, loads);
    }

    /** The model's objective for a given split: Σ r·latency over served groups, divided by Σ r. */
    public static double estimate(List<Integer> split, List<BinLoad> loads) {
        Checks.argument(split.size() == loads.size(), "split has %s bins, loads %s", split.size(), loads.size());
        double total = 0;
        double rate = 0;
        double carried = 0;
        for (int i = 0; i < loads.size(); i++) {
            carried += loads.get(i).arrivalsPerSecond();
            rate += loads.get(i).arrivalsPerSecond();
            if (split.get(i) > 0) {
                total += groupCost(carried, loads.get(i).serviceSeconds(), split.get(i));
                carried = 0;
            }
        }
        if (carried > 0) {
            total += groupCost(carried, loads.getLast().serviceSeconds(), 0);
        }
        return rate == 0 ? 0 : total / rate;
    }

    /** Σ r·latency of traffic {@code rate} served by {@code n} workers of service time {@code s}. */
    static double groupCost(double rate, double s, int n) {
        if (rate == 0) {
            return 0;
        }
        double rho = n == 0 ? Double.POSITIVE_INFINITY : rate * s / n;
        if (rho >= 1) {
            return rate * s * (OVERLOAD + Math.min(rho, OVERLOAD));
        }
        return rate * s / (1 - rho);
    }

    private static Allocation exact(int workers, List<BinLoad> loads) {
        int k = loads.size();
        double[] prefix = new double[k + 1];
        for (int i = 0; i < k; i++) {
            prefix[i + 1] = prefix[i] + loads.get(i).arrivalsPerSecond();
        }
        // best[i][w]: least cost of bins 0..i-1 using w workers, bin i-1 served (i = 0: nothing yet).
        double[][] best = new double[k + 1][workers + 1];
        int[][] fromBin = new int[k + 1][workers + 1];
        int[][] fromWorkers = new int[k + 1][workers + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int i = 0; i < k; i++) {
            for (int w = 0; w <= workers; w++) {
                if (best[i][w] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int served = i; served < k; served++) {
                    double rate = prefix[served + 1] - prefix[i];
                    double s = loads.get(served).serviceSeconds();
                    for (int n = 1; w + n <= workers; n++) {
                        double cost = best[i][w] + groupCost(rate, s, n);
                        if (cost < best[served + 1][w + n]) {
                            best[served + 1][w + n] = cost;
                            fromBin[served + 1][w + n] = i;
                            fromWorkers[served + 1][w + n] = w;
                        }
                    }
                }
            }
        }
        Integer[] split = new Integer[k];
        Arrays.fill(split, 0);
        int i = k;
        int w = workers;
        while (i > 0) {
            int pi = fromBin[i][w];
            int pw = fromWorkers[i][w];
            split[i - 1] = w - pw;
            i = pi;
            w = pw;
        }
        double rate = prefix[k];
        return new Allocation(List.of(split), rate == 0 ? 0 : best[k][workers] / rate, true);
    }

    private static Allocation greedy(int workers, List<BinLoad> loads) {
        int k = loads.size();
        List<Integer> split = new ArrayList<>(java.util.Collections.nCopies(k, 0));
        split.set(k - 1, 1);
        for (int left = workers - 1; left > 0; left--) {
            int bestBin = k - 1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int bin = 0; bin < k; bin++) {
                split.set(bin, split.get(bin) + 1);
                double cost = estimate(split, loads);
                split.set(bin, split.get(bin) - 1);
                if (cost < bestCost) {
                    bestCost = cost;
                    bestBin = bin;
                }
            }
            split.set(bestBin, split.get(bestBin) + 1);
        }
        return new Allocation(split, estimate(split, loads), false);
    }
}
