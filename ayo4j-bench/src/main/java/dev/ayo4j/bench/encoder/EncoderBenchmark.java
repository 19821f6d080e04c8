// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import dev.ayo4j.bench.Stats;
import dev.ayo4j.bench.sim.EncoderSimulations;
import dev.ayo4j.bench.sim.Request;
import dev.ayo4j.bench.sim.SchedulerSimulator;
import dev.ayo4j.bench.sim.SimResult;
import dev.ayo4j.bench.sim.Workloads;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.QuadraticFit;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.spi.Ticker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The encoder-serving benchmark on the real in-process ONNX engine: an {@link EncoderPool} of one
 * all-MiniLM-L6-v2 session (fp32, window 512) fed single texts by each policy under Poisson, bursty (MMPP)
 * and saturating arrivals of real text lengths; each run is replayed in the {@link SchedulerSimulator} on the
 * measured CPU profile to report the simulator's error; the simulator's cluster-scale allocation ablation and
 * the targets close the report.
 *
 * <p>Run: {@code bin/ayo4j bench encoder [--json FILE] [--svg FILE]}; a few minutes on 2 cores.
 */
public final class EncoderBenchmark {
    private static final long SECOND = 1_000_000_000L;
    private final Ticker ticker = Ticker.systemTicker();
    /** The simulator's cost model: measured on this engine at the start of {@link #run}. */
    private ForwardPassLatency simCost = ForwardPassLatency.measuredCpuFp32();

    /**
     * What to run.
     *
     * @param dataset         SciFact subset folder; the synthetic skewed mix is used if it is absent
     * @param policies        policy names from {@link PolicyRegistry#standard()}
     * @param rates           Poisson rates (requests per second) of the skewed workload, ascending
     * @param seconds         length of each timed arrival run
     * @param saturation      requests of each saturation run
     * @param twitterRate     Poisson rate of the Twitter-shaped run
     * @param threads         ONNX Runtime intra-op threads of the session
     * @param seed            seed of texts and arrivals
     */
    public record Settings(Path dataset, List<String> policies, List<Double> rates, double seconds, int saturation,
                           double twitterRate, int threads, long seed) {
        /** The defaults: fifo-fixed, fifo-token-budget and arlo; 20/40/60 req/s for 8 s; 300 at once; 2 threads. */
        public static final Settings DEFAULT = new Settings(Path.of("../shared/datasets/scifact-subset"),
                List.of("fifo-fixed", "fifo-token-budget", "arlo"), List.of(20.0, 40.0, 60.0), 8, 300, 80, 2, 42);

        /** Fails at once, naming the known policies, on a name {@link PolicyRegistry#standard()} does not know. */
        public Settings {
            policies = List.copyOf(policies);
            policies.forEach(p -> PolicyRegistry.standard().create(p, EncoderPolicyConfig.DEFAULT));
        }
    }

    /**
     * Simulator figures for the same trace and policy, and its relative error against the real run.
     */
    public record Sim(double throughput, double meanMs, double p98Ms, double throughputError, double meanError,
                      double p98Error) {}

    /** One real run and its simulation. */
    public record Run(String workload, String arrival, double rate, String policy, int requests, double throughput,
                      double meanMs, double p50Ms, double p98Ms, long usefulTokens, long paddedTokens, Sim sim) {
        public double usefulRatio() {
            return paddedTokens == 0 ? 1 : (double) usefulTokens / paddedTokens;
        }
    }

    /** One target of the issue, measured. */
    public record Target(String target, String measured, boolean met) {}

    /** Everything the command prints. */
    public record Report(String texts, int cores, double unloadedMeanMs, double unloadedP98Ms, List<Run> runs,
                         List<SimResult> allocationAblation, List<Target> targets) {}

    /** {@code run}, printed as a row of the table on {@code out} and kept in {@code runs}. */
    private static Run shown(Run run, PrintStream out, List<Run> runs) {
        out.println(row(run));
        runs.add(run);
        return run;
    }

    /** Runs the benchmark, printing progress and tables to {@code out}. */
    public Report run(Settings s, PrintStream out) {
        TextMix mix = TextMix.scifact(s.dataset());
        List<String> skewed = mix == null ? TextMix.synthetic(4000, s.seed()) : mix.sample(4000, s.seed());
        List<String> twitter = mix == null ? TextMix.synthetic(4000, s.seed() + 1)
                : TextMix.twitterShaped(mix.whole(), 4000, s.seed() + 1);
        String source = mix == null ? "synthetic skewed mix (data set not found at " + s.dataset().toAbsolutePath() + ")"
                : "SciFact subset at " + s.dataset();
        out.println("texts: " + source);
        EncoderOptions options = EncoderOptions.DEFAULTS.withThreads(s.threads()).withMaxTokens(512);
        List<Run> runs = new ArrayList<>();
        double[] unloaded;
        try (EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, options)) {
            simCost = profile(model, out);
            unloaded = unloaded(model, skewed.subList(0, 120));
            out.printf("unloaded (one text alone, skewed mix): mean %.1f ms, p98 %.1f ms%n", unloaded[0], unloaded[1]);
            out.println(header());
            for (String policy : s.policies()) {
                boolean saturated = false;
                for (double rate : s.rates()) {
                    if (saturated) {
                        out.printf("%-10s %-9s %6.0f %-18s skipped: saturated at a lower rate%n", "skewed", "poisson",
                                rate, policy);
                        continue;
                    }
                    Run r = shown(replay(model, "skewed", "poisson", rate, policy, skewed,
                            Workloads.poisson((rng, t) -> 1, rate, s.seconds(), s.seed())), out, runs);
                    saturated = r.throughput() < 0.85 * rate;
                }
                shown(replay(model, "skewed", "mmpp", s.rates().getFirst(), policy, skewed,
                        Workloads.mmpp((rng, t) -> 1, s.rates().getFirst(), s.rates().getLast(), 2, s.seconds(),
                                s.seed())), out, runs);
                shown(replay(model, "skewed", "saturation", 0, policy, skewed,
                        Workloads.saturation((rng, t) -> 1, s.saturation(), s.seed())), out, runs);
                shown(replay(model, "twitter", "poisson", s.twitterRate(), policy, twitter,
                        Workloads.poisson((rng, t) -> 1, s.twitterRate(), s.seconds(), s.seed())), out, runs);
                shown(replay(model, "twitter", "saturation", 0, policy, twitter,
                        Workloads.saturation((rng, t) -> 1, s.saturation(), s.seed())), out, runs);
            }
        }
        out.println();
        out.println("simulator, cluster scale: Arlo's allocation ablation (40 instances, BERT-base GPU profile)");
        out.println(SimResult.header());
        List<SimResult> ablation = EncoderSimulations.allocationAblation(s.seed());
        ablation.forEach(r -> out.println(r.row()));
        List<Target> targets = Targets.evaluate(runs, unloaded[1]);
        out.println();
        targets.forEach(t -> out.printf("target: %s%n  measured: %s -> %s%n", t.target(), t.measured(),
                t.met() ? "MET" : "NOT MET"));
        return new Report(source, Runtime.getRuntime().availableProcessors(), unloaded[0], unloaded[1], runs, ablation,
                targets);
    }

    /** Mean and P98 of one text embedded alone, in ms. */
    /**
     * Measures this engine's forward-pass cost on a grid of batch sizes and padded lengths (median of 5
     * warm passes each) and fits {@code a + b·bs·L + c·bs·L²} to it: the simulator then runs on this
     * machine's profile, as measured now, rather than on one taken elsewhere.
     */
    private ForwardPassLatency profile(EncoderModel model, PrintStream out) {
        List<QuadraticFit.Sample> samples = new ArrayList<>();
        for (int bs : new int[] {1, 4, 16}) {
            for (int len : new int[] {16, 64, 128, 256, 512}) {
                if (bs * len > 4096) {
                    continue;
                }
                // "the" is one word piece: len - 2 of them plus [CLS] and [SEP] make exactly len tokens.
                String text = "the ".repeat(len - 2).strip();
                List<String> batch = java.util.Collections.nCopies(bs, text);
                model.embedPass(batch);
                double[] ms = new double[5];
                for (int r = 0; r < ms.length; r++) {
                    long t0 = ticker.read();
                    model.embedPass(batch);
                    ms[r] = (ticker.read() - t0) / 1e6;
                }
                java.util.Arrays.sort(ms);
                samples.add(new QuadraticFit.Sample(bs, len, ms[ms.length / 2]));
            }
        }
        QuadraticFit.Coefficients c = QuadraticFit.fit(samples);
        out.printf("cost profile measured here (%d shapes): %.3f ms + %.5f ms/token + %.3g ms/token^2, worst cell error"
                + " %.0f%%%n", samples.size(), c.a(), c.b(), c.c(), 100 * c.worstRelativeError(samples));
        return c.toLatency();
    }

    private double[] unloaded(EncoderModel model, List<String> texts) {
        model.embedPass(texts.subList(0, 5)); // warm-up
        long[] lat = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long t0 = ticker.read();
            model.embedPass(List.of(texts.get(i)));
            lat[i] = ticker.read() - t0;
        }
        Arrays.sort(lat);
        return new double[] {Arrays.stream(lat).average().orElse(0) / 1e6, Stats.percentile(lat, 98) / 1e6};
    }

    /** Replays {@code arrivals} with texts from {@code texts} through a one-member pool under {@code policy}. */
    private Run replay(EncoderModel model, String workload, String arrival, double rate, String policy,
                       List<String> texts, List<Request> arrivals) {
        int n = arrivals.size();
        EncoderPolicyConfig config = EncoderPolicyConfig.DEFAULT;
        try (EncoderPool pool = EncoderPool.builder("bench-" + policy).local(model).policy(policy, config)
                .capacity(Math.max(n, 1)).build()) {
            int[] tokens = pool.measure(texts.subList(0, n), true);
            pool.embed(List.of(texts.getFirst()), true); // warm-up outside the timed window
            long[] lat = new long[n];
            AtomicLong lastDone = new AtomicLong();
            CountDownLatch done = new CountDownLatch(n);
            long before = pool.stats().usefulTokens();
            long paddedBefore = pool.stats().paddedTokens();
            long start = ticker.read();
            for (int i = 0; i < n; i++) {
                long due = start + arrivals.get(i).arrivalNanos();
                long wait = due - ticker.read();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int k = i;
                pool.submit(List.of(texts.get(i)), true).whenComplete((v, e) -> {
                    long now = ticker.read();
                    lat[k] = now - due;
                    lastDone.accumulateAndGet(now, Math::max);
                    done.countDown();
                });
            }
            done.await();
            SimResult real = summarize(lat, start, lastDone.get());
            List<Request> trace = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                trace.add(new Request(arrivals.get(i).arrivalNanos(), tokens[i]));
            }
            SimResult sim = new SchedulerSimulator(simCost, 1, config.maxBatch())
                    .run(policy, PolicyRegistry.standard().create(policy, config), trace);
            return new Run(workload, arrival, rate, policy, n, real.throughput(), real.meanMillis(), real.p50Millis(),
                    real.p98Millis(), pool.stats().usefulTokens() - before, pool.stats().paddedTokens() - paddedBefore,
                    new Sim(sim.throughput(), sim.meanMillis(), sim.p98Millis(), err(sim.throughput(), real.throughput()),
                            err(sim.meanMillis(), real.meanMillis()), err(sim.p98Millis(), real.p98Millis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double err(double sim, double real) {
        return real == 0 ? 0 : (sim - real) / real;
    }

    private static SimResult summarize(long[] lat, long start, long lastDone) {
        long[] sorted = lat.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        double span = Math.max(1, lastDone - start) / (double) SECOND;
        return new SimResult("real", lat.length, 0, lat.length / span, mean,
                Stats.percentile(sorted, 50) / 1e6, Stats.percentile(sorted, 98) / 1e6, 0, 0);
    }

    static String header() {
        return String.format("%-10s %-10s %6s %-18s %6s %8s %9s %9s %7s | %8s %9s %9s  %s", "workload", "arrival", "rate",
                "policy", "n", "req/s", "mean ms", "p98 ms", "useful", "sim r/s", "sim mean", "sim p98",
                "sim error (r/s, mean, p98)");
    }

    static String row(Run r) {
        return String.format("%-10s %-10s %6.0f %-18s %6d %8.1f %9.1f %9.1f %7.3f | %8.1f %9.1f %9.1f  %+.0f%% %+.0f%% %+.0f%%",
                r.workload(), r.arrival(), r.rate(), r.policy(), r.requests(), r.throughput(), r.meanMs(), r.p98Ms(),
                r.usefulRatio(), r.sim().throughput(), r.sim().meanMs(), r.sim().p98Ms(), 100 * r.sim().throughputError(),
                100 * r.sim().meanError(), 100 * r.sim().p98Error());
    }
}
