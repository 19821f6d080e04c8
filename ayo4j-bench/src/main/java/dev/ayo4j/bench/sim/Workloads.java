// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Request traces for the simulator: length mixes times arrival processes, all from a seed. */
public final class Workloads {
    private static final long SECOND = 1_000_000_000L;

    private Workloads() {}

    /** Draws a request length, possibly depending on the virtual time (a drifting mix). */
    @FunctionalInterface
    public interface LengthMix {
        int sample(SplittableRandom random, long atNanos);
    }

    /** notes-encoders §3b: 80 % uniform 10–40 tokens, 15 % 41–200, 5 % 256–512. */
    public static LengthMix skewed() {
        return (r, _) -> {
            double u = r.nextDouble();
            return u < 0.80 ? r.nextInt(10, 41) : u < 0.95 ? r.nextInt(41, 201) : r.nextInt(256, 513);
        };
    }

    /**
     * Short texts shaped like Arlo's Twitter trace (median 21 tokens, P98 72): log-normal with median 21 and
     * σ = 0.6 (so exp(μ + 2.054σ) = 72), plus a 0.5 % tail uniform in 256–512, clamped to 1–512.
     */
    public static LengthMix twitterLike() {
        double mu = Math.log(21);
        double sigma = Math.log(72.0 / 21) / 2.054;
        return (r, _) -> {
            if (r.nextDouble() < 0.005) {
                return r.nextInt(256, 513);
            }
            double z = gaussian(r);
            return (int) Math.max(1, Math.min(512, Math.round(Math.exp(mu + sigma * z))));
        };
    }

    /**
     * A mix that drifts: the share of long texts (uniform 129–512 tokens) swings smoothly between 0 and 50 %
     * with period {@code cycleNanos} (starting at 0), the rest being {@link #twitterLike()}; a length histogram
     * over the whole trace describes no moment of it.
     */
    public static LengthMix drifting(long cycleNanos) {
        Checks.argument(cycleNanos > 0, "cycle must be > 0: %s", cycleNanos);
        LengthMix shortMix = twitterLike();
        return (r, t) -> {
            double longShare = 0.25 * (1 - Math.cos(2 * Math.PI * (t % cycleNanos) / cycleNanos));
            return r.nextDouble() < longShare ? r.nextInt(129, 513) : shortMix.sample(r, t);
        };
    }

    /** Poisson arrivals at {@code perSecond} for {@code seconds}. */
    public static List<Request> poisson(LengthMix mix, double perSecond, double seconds, long seed) {
        return mmpp(mix, perSecond, perSecond, 1, seconds, seed);
    }

    /**
     * Bursty arrivals: a two-state Markov-modulated Poisson process switching between {@code lowPerSecond}
     * and {@code highPerSecond}, staying in each state for an exponential time of mean {@code meanDwellSeconds}.
     */
    public static List<Request> mmpp(LengthMix mix, double lowPerSecond, double highPerSecond,
                                     double meanDwellSeconds, double seconds, long seed) {
        Checks.argument(lowPerSecond > 0 && highPerSecond > 0 && meanDwellSeconds > 0 && seconds > 0,
                "rates, dwell and duration must be > 0: %s, %s, %s, %s", lowPerSecond, highPerSecond,
                meanDwellSeconds, seconds);
        SplittableRandom random = new SplittableRandom(seed);
        List<Request> trace = new ArrayList<>();
        long end = (long) (seconds * SECOND);
        boolean high = false;
        double t = 0;
        double switchAt = exponential(random, 1 / meanDwellSeconds);
        while (true) {
            double rate = high ? highPerSecond : lowPerSecond;
            double next = t + exponential(random, rate);
            if (next >= switchAt) {
                t = switchAt;
                high = !high;
                switchAt = t + exponential(random, 1 / meanDwellSeconds);
                continue;
            }
            t = next;
            long at = (long) (t * SECOND);
            if (at >= end) {
                return trace;
            }
            trace.add(new Request(at, mix.sample(random, at)));
        }
    }

    /** {@code count} requests all arriving at time 0: the saturation run, which measures peak throughput. */
    public static List<Request> saturation(LengthMix mix, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Request> trace = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            trace.add(new Request(0, mix.sample(random, 0)));
        }
        return trace;
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
