// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import dev.ayo4j.bench.encoder.EncoderBenchmark.Run;
import dev.ayo4j.bench.encoder.EncoderBenchmark.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The targets for Arlo, evaluated on the benchmark's runs of the skewed workload. */
final class Targets {
    private Targets() {}

    static List<Target> evaluate(List<Run> runs, double unloadedP98Ms) {
        List<Target> out = new ArrayList<>();
        Optional<Run> arlo = find(runs, "saturation", "arlo", 0);
        Optional<Run> fixed = find(runs, "saturation", "fifo-fixed", 0);
        Optional<Run> budget = find(runs, "saturation", "fifo-token-budget", 0);
        if (arlo.isPresent() && fixed.isPresent()) {
            double x = arlo.get().throughput() / fixed.get().throughput();
            out.add(new Target("Arlo throughput >= 8x FIFO fixed-count at saturation (skewed)",
                    String.format("%.1f vs %.1f req/s = %.2fx", arlo.get().throughput(), fixed.get().throughput(), x),
                    x >= 8));
        }
        if (arlo.isPresent() && budget.isPresent()) {
            double x = arlo.get().throughput() / budget.get().throughput();
            out.add(new Target("Arlo throughput >= 1.3x FIFO token budget at saturation (skewed)",
                    String.format("%.1f vs %.1f req/s = %.2fx", arlo.get().throughput(), budget.get().throughput(), x),
                    x >= 1.3));
        }
        Run best = null;
        for (Run r : runs) {
            if (r.workload().equals("skewed") && r.arrival().equals("poisson") && r.policy().equals("fifo-token-budget")
                    && r.p98Ms() <= 2 * unloadedP98Ms && (best == null || r.rate() > best.rate())) {
                best = r;
            }
        }
        if (best == null) {
            out.add(new Target("at a rate where FIFO token budget's P98 <= 2x unloaded, Arlo mean >= 25% lower",
                    String.format("no measured rate kept FIFO token budget's P98 within 2x unloaded (%.1f ms)",
                            2 * unloadedP98Ms), false));
        } else {
            Run ftb = best;
            Optional<Run> a = find(runs, "poisson", "arlo", ftb.rate());
            double cut = a.map(r -> 1 - r.meanMs() / ftb.meanMs()).orElse(Double.NaN);
            out.add(new Target("at a rate where FIFO token budget's P98 <= 2x unloaded, Arlo mean >= 25% lower",
                    String.format("%.0f req/s: FIFO token budget mean %.1f ms (p98 %.1f <= %.1f), Arlo %.1f ms: %.0f%% lower",
                            ftb.rate(), ftb.meanMs(), ftb.p98Ms(), 2 * unloadedP98Ms,
                            a.map(Run::meanMs).orElse(Double.NaN), 100 * cut), cut >= 0.25));
        }
        arlo.ifPresent(r -> out.add(new Target("Arlo useful-token ratio >= 0.9 (skewed, saturation)",
                String.format("%.3f", r.usefulRatio()), r.usefulRatio() >= 0.9)));
        return out;
    }

    private static Optional<Run> find(List<Run> runs, String arrival, String policy, double rate) {
        return runs.stream().filter(r -> r.workload().equals("skewed") && r.arrival().equals(arrival)
                && r.policy().equals(policy) && r.rate() == rate).findFirst();
    }
}
