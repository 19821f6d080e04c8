// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.Database.Row;
import dev.ayo4j.analytics.WorkloadReport.EncoderPlan;
import dev.ayo4j.analytics.WorkloadReport.Interarrival;
import dev.ayo4j.analytics.WorkloadReport.Lengths;
import dev.ayo4j.analytics.WorkloadReport.LlmPlan;
import dev.ayo4j.analytics.WorkloadReport.Window;
import dev.ayo4j.encoders.Allocator;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code analyze workload FILE}: a workload trace of request arrivals and sizes, either the Azure LLM inference
 * trace's CSV ({@code TIMESTAMP,ContextTokens,GeneratedTokens}) or a directory of ayo4j run traces (one request
 * per run). Rows that do not parse are left out and counted.
 */
public final class WorkloadAnalysis {
    /** The header of the Azure LLM inference trace. */
    public static final String AZURE_HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
    /** Window sizes of the arrival rate, in seconds. */
    public static final List<Double> WINDOWS = List.of(1.0, 10.0, 60.0, 300.0);
    /** The window whose peak sizes the deployment: the busiest minute. */
    public static final double PEAK_WINDOW = 60.0;
    /** Token granularity of the length bins. */
    public static final int BIN_GRANULARITY = 32;
    /** Cost-waste bound of a length bin: a text padded to its bin's bound costs at most twice its own length. */
    public static final double BIN_WASTE = 1.0;
    /** Busy share the encoder workers are sized for. */
    public static final double TARGET_UTILIZATION = 0.7;
    /** Buckets of each length histogram (plus one open bucket). */
    public static final int HISTOGRAM_BUCKETS = 40;
    /** Most points in the scatter plot. */
    public static final int SAMPLE_POINTS = 3000;
    private static final int MAX_SKIPS_LISTED = 5;

    private WorkloadAnalysis() {}

    /** The measured costs of an LLM engine, from a run trace. */
    public record LlmCosts(String engine, double prefillMsPerToken, double decodeMsPerToken, double decodeBatch) {}

    /**
     * Analyses {@code input}; {@code engines} (nullable) is a run trace whose LLM costs size the deployment;
     * prompts are binned for an encoder that takes at most {@code encoderMaxTokens}.
     */
    public static WorkloadReport analyze(Database db, Path input, LlmCosts engines, int encoderMaxTokens) {
        Objects.requireNonNull(input, "input");
        List<Skip> skips = new ArrayList<>();
        long skipped;
        if (Files.isDirectory(input)) {
            TraceSet set = TraceSet.open(db, input, "");
            skips.addAll(set.skips());
            skipped = 0;
            db.execute(Sql.file("requests_from_runs").text());
        } else {
            skipped = loadCsv(db, input, skips);
        }
        Row s = db.row(Sql.file("workload_summary"));
        long requests = s.lng("requests");
        if (requests < 2) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s holds %d usable request(s)%s: a workload needs at least two", input, requests,
                    skipped > 0 ? " (" + skipped + " row(s) left out)" : ""));
        }
        double duration = s.dbl("duration_s");
        Lengths lengths = new Lengths(s.dbl("prompt_mean"), s.dbl("prompt_p50"), s.dbl("prompt_p90"),
                s.dbl("prompt_p99"), s.lng("prompt_max"), s.dbl("output_mean"), s.dbl("output_p50"),
                s.dbl("output_p90"), s.dbl("output_p99"), s.lng("output_max"), s.dbl("total_p99"), s.lng("total_max"),
                s.dbl("pearson"), s.dbl("spearman"));
        Row g = db.row(Sql.file("interarrival"));
        Interarrival inter = new Interarrival(g.lng("gaps"), g.dbl("mean_gap_s"), g.dbl("sd_gap_s"), g.dbl("cv"));
        List<Window> windows = new ArrayList<>();
        for (double w : WINDOWS) {
            List<double[]> series = new ArrayList<>();
            for (Row r : db.rows(Sql.file("arrival_rate").bind("window_s", w))) {
                series.add(new double[] {r.dbl("bucket") * w, r.dbl("rate")});
            }
            Row p = db.row(Sql.file("arrival_peak").bind("window_s", w));
            windows.add(new Window(w, series, p.dbl("peak_rate"), p.dbl("mean_rate")));
        }
        int promptWidth = histogramWidth(lengths.promptP99());
        int outputWidth = histogramWidth(lengths.outputP99());
        long[] promptHist = new long[HISTOGRAM_BUCKETS + 1];
        long[] outputHist = new long[HISTOGRAM_BUCKETS + 1];
        for (Row r : db.rows(Sql.file("length_histogram").bind("prompt_width", promptWidth)
                .bind("output_width", outputWidth).bind("buckets", HISTOGRAM_BUCKETS))) {
            (r.str("measure").equals("prompt") ? promptHist : outputHist)[(int) r.lng("bucket")] = r.lng("requests");
        }
        List<double[]> sample = new ArrayList<>();
        long every = Math.max(1, requests / SAMPLE_POINTS);
        for (Row r : db.rows(Sql.file("workload_sample").bind("every", every))) {
            sample.add(new double[] {r.dbl("prompt_tokens"), r.dbl("output_tokens")});
        }
        Window peak = windows.get(WINDOWS.indexOf(PEAK_WINDOW));
        EncoderPlan encoder = encoderPlan(db, encoderMaxTokens, duration, peak.peakToMean());
        LlmPlan llm = llmPlan(lengths, engines, peak.peakRate());
        WorkloadReport partial = new WorkloadReport(input.toString(), skips, skipped, requests, duration, windows,
                inter, lengths, promptHist, outputHist, promptWidth, outputWidth, sample, encoder, llm, List.of());
        return new WorkloadReport(input.toString(), skips, skipped, requests, duration, windows, inter, lengths,
                promptHist, outputHist, promptWidth, outputWidth, sample, encoder, llm, WorkloadAdvice.recommend(partial));
    }

    /** Measures the LLM costs of the run trace in {@code dir}: the engine with the most decodes. */
    public static LlmCosts measureLlm(Path dir) {
        try (Database db = Database.open(Database.DEFAULT_MEMORY_LIMIT)) {
            TraceSet.open(db, dir, "");
            List<Row> rows = db.rows(Sql.file("llm_costs"));
            if (rows.isEmpty()) {
                throw new InvalidInputException("the run trace " + dir + " has no ok Decode with generated tokens: "
                        + "no LLM cost to measure");
            }
            Row r = rows.getFirst();
            return new LlmCosts(r.str("engine"), r.dbl("prefill_ms_per_token"), r.dbl("decode_ms_per_token"),
                    Math.max(1, r.dbl("mean_decode_batch")));
        }
    }

    /** Loads the Azure CSV into the table {@code requests}; returns the rows left out. */
    private static long loadCsv(Database db, Path file, List<Skip> skips) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(Files.exists(file) ? "not a file: " + file : "no such file: " + file);
        }
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        if (header == null) {
            throw new InvalidInputException(file + " is empty: expected the header " + AZURE_HEADER);
        }
        String normalized = header.replace("\uFEFF", "").replace(" ", "").strip();
        if (!normalized.equals(AZURE_HEADER)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s has the wrong header: expected %s (the Azure LLM inference trace), found %s", file,
                    AZURE_HEADER, header.strip()));
        }
        db.execute("CREATE OR REPLACE TEMPORARY TABLE raw_requests AS SELECT * FROM read_csv("
                + Database.literal(file.toString()) + ", header = true, auto_detect = false, columns = {"
                + "'TIMESTAMP': 'TIMESTAMP', 'ContextTokens': 'BIGINT', 'GeneratedTokens': 'BIGINT'}, "
                + "ignore_errors = true, store_rejects = true)");
        long skipped = 0;
        for (Row r : db.rows("SELECT line, error_message FROM reject_errors ORDER BY line")) {
            if (skipped++ < MAX_SKIPS_LISTED) {
                skips.add(new Skip(file.getFileName() + " line " + r.lng("line"), Database.firstLine(
                        r.str("error_message"))));
            }
        }
        for (Row r : db.rows("SELECT \"TIMESTAMP\" AS ts, ContextTokens AS p, GeneratedTokens AS o FROM raw_requests "
                + "WHERE \"TIMESTAMP\" IS NULL OR ContextTokens IS NULL OR GeneratedTokens IS NULL "
                + "OR ContextTokens < 0 OR GeneratedTokens < 0")) {
            if (skipped++ < MAX_SKIPS_LISTED) {
                skips.add(new Skip(file.getFileName() + " row " + r.str("ts"), String.format(Locale.ROOT,
                        "a missing or negative value (ContextTokens %s, GeneratedTokens %s)", r.str("p"), r.str("o"))));
            }
        }
        db.execute("CREATE OR REPLACE TEMPORARY TABLE requests AS SELECT \"TIMESTAMP\" AS ts, ContextTokens AS "
                + "prompt_tokens, GeneratedTokens AS output_tokens FROM raw_requests WHERE \"TIMESTAMP\" IS NOT NULL "
                + "AND ContextTokens >= 0 AND GeneratedTokens >= 0");
        return skipped;
    }

    /** A round bucket width (1, 2 or 5 times a power of ten) that spans the p99 in about 40 buckets. */
    static int histogramWidth(double p99) {
        double raw = Math.max(1, p99 / HISTOGRAM_BUCKETS);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (raw <= step * power) {
                return (int) Math.max(1, step * power);
            }
        }
        return (int) (10 * power);
    }

    private static EncoderPlan encoderPlan(Database db, int maxTokens, double durationS, double peakToMean) {
        ForwardPassLatency cost = ForwardPassLatency.measuredCpuFp32();
        LengthBins bins = LengthBins.fromLatency(cost, maxTokens, BIN_GRANULARITY, BIN_WASTE);
        long[] perBin = new long[bins.count()];
        long truncated = 0;
        double padded = 0;
        double atMax = 0;
        for (Row r : db.rows(Sql.file("prompt_steps").bind("step", BIN_GRANULARITY).bind("max_tokens", maxTokens))) {
            int upto = (int) r.lng("upto");
            int bin = bins.binOf(upto);
            long n = r.lng("requests");
            perBin[bin] += n;
            truncated += r.lng("truncated");
            padded += n * (double) cost.latencyNanos(1, bins.upper(bin));
            atMax += n * (double) cost.latencyNanos(1, maxTokens);
        }
        double scale = Double.isFinite(peakToMean) ? peakToMean : 1;
        List<Allocator.BinLoad> loads = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        double load = 0;
        for (int i = 0; i < bins.count(); i++) {
            double rate = durationS > 0 ? perBin[i] / durationS * scale : 0;
            double service = cost.latencyNanos(1, bins.upper(i)) / 1e9;
            rates.add(rate);
            loads.add(new Allocator.BinLoad(rate, service));
            load += rate * service;
        }
        int workers = Math.max(bins.count(), (int) Math.ceil(load / TARGET_UTILIZATION));
        Allocator.Allocation allocation = Allocator.allocate(workers, loads);
        List<Long> counts = new ArrayList<>();
        for (long n : perBin) {
            counts.add(n);
        }
        return new EncoderPlan(maxTokens, bins.upperBounds(), counts, rates, allocation.workersPerBin(), truncated,
                atMax == 0 ? 0 : 1 - padded / atMax, "all-MiniLM-L6-v2 fp32 on ONNX Runtime, 2 CPU threads (measured)");
    }

    private static LlmPlan llmPlan(Lengths lengths, LlmCosts engines, double peakRate) {
        int context = (int) (Math.ceil(Math.max(1, lengths.totalP99()) / 256) * 256);
        if (engines == null) {
            return new LlmPlan(context, false, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    peakRate, 0, 0);
        }
        double prefill = Double.isFinite(engines.prefillMsPerToken()) ? engines.prefillMsPerToken() : 0;
        double service = prefill * lengths.promptMean() + engines.decodeMsPerToken() * lengths.outputMean();
        double saturation = service > 0 ? engines.decodeBatch() * 1000 / service : Double.POSITIVE_INFINITY;
        int instances = (int) Math.max(1, Math.ceil(peakRate / saturation));
        int slots = (int) Math.max(1, Math.ceil(peakRate * service / 1000 / instances));
        return new LlmPlan(context, true, engines.engine(), prefill, engines.decodeMsPerToken(), engines.decodeBatch(),
                service, saturation, peakRate, instances, slots);
    }
}
