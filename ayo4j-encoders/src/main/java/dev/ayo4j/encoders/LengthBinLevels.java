// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;
import dev.ayo4j.runtime.dispatch.Levels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Arlo's cluster level as the dispatch core's {@link Levels}: one level per length bin, a text routed from its
 * tightest bin toward longer ones while a bin is congested (queued plus in-flight texts over its live members'
 * batch capacity, {@code tokenBudget / bound} rows each) by {@link ArloRouting}, and the members split over
 * bins every {@code periodNanos} by the {@link Allocator} from the last period's arrival rates at each bin's
 * service time of one text under {@code latency}.
 */
public record LengthBinLevels(LengthBins bins, ArloRouting routing, ForwardPassLatency latency, int tokenBudget,
                              long periodNanos) implements Levels {
    public LengthBinLevels {
        Objects.requireNonNull(bins, "bins");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(latency, "latency");
        Checks.argument(tokenBudget > 0, "tokenBudget must be > 0: %s", tokenBudget);
        Checks.argument(periodNanos > 0, "period must be > 0: %s ns", periodNanos);
    }

    @Override
    public int count() {
        return bins.count();
    }

    @Override
    public int binOf(int tokens) {
        return bins.binOf(tokens);
    }

    @Override
    public int route(int tokens, Loads loads) {
        return routing.choose(bins.binOf(tokens), bins.count(), loads, b -> Math.max(1.0, tokenBudget / bins.upper(b)));
    }

    @Override
    public int[] split(int live, double @Nullable [] ratesPerSecond) {
        int k = bins.count();
        int[] want = new int[k];
        if (ratesPerSecond == null) {
            want[k - 1] = live;
            return want;
        }
        List<Allocator.BinLoad> loads = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            loads.add(new Allocator.BinLoad(ratesPerSecond[b], latency.latencyNanos(1, bins.upper(b)) / 1e9));
        }
        List<Integer> split = Allocator.allocate(live, loads).workersPerBin();
        for (int b = 0; b < k; b++) {
            want[b] = split.get(b);
        }
        return want;
    }
}
