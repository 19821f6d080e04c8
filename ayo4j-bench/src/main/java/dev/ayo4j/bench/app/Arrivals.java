// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** When a run's queries arrive. */
public sealed interface Arrivals {
    /** Label in tables, e.g. {@code poisson 0.20/s}. */
    String label();

    /** Queries per second (0 for one at a time). */
    double rate();

    /** One query at a time: each arrives when the previous one is answered. */
    record OneAtATime() implements Arrivals {
        @Override public String label() { return "one at a time"; }
        @Override public double rate() { return 0; }
    }

    /** Poisson arrivals at {@code rate} queries per second, from a fixed seed. */
    record Poisson(double rate, long seed) implements Arrivals {
        public Poisson {
            Checks.argument(rate > 0, "rate must be > 0: %s", rate);
        }
        @Override public String label() { return String.format(java.util.Locale.ROOT, "poisson %.3f/s", rate); }
    }

    /** Bursts of {@code size} queries at once, the bursts Poisson at {@code rate / size} per second. */
    record Bursty(double rate, int size, long seed) implements Arrivals {
        public Bursty {
            Checks.argument(rate > 0, "rate must be > 0: %s", rate);
            Checks.argument(size > 0, "size must be > 0: %s", size);
        }
        @Override public String label() {
            return String.format(java.util.Locale.ROOT, "bursts of %d, %.3f/s", size, rate);
        }
    }

    /** Arrival offsets in nanoseconds from the run's start, for {@code n} queries (open-loop arrivals). */
    default List<Long> offsets(int n) {
        List<Long> out = new ArrayList<>(n);
        switch (this) {
            case OneAtATime _ -> throw new IllegalStateException("one-at-a-time arrivals are closed-loop");
            case Poisson(double r, long seed) -> {
                SplittableRandom random = new SplittableRandom(seed);
                double t = 0;
                for (int i = 0; i < n; i++) {
                    out.add((long) (t * 1e9));
                    t += -Math.log(1 - random.nextDouble()) / r;
                }
            }
            case Bursty(double r, int size, long seed) -> {
                SplittableRandom random = new SplittableRandom(seed);
                double t = 0;
                for (int i = 0; i < n; i++) {
                    if (i > 0 && i % size == 0) {
                        t += -Math.log(1 - random.nextDouble()) * size / r;
                    }
                    out.add((long) (t * 1e9));
                }
            }
        }
        return out;
    }
}
