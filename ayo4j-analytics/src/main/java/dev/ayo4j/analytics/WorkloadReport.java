// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import java.util.List;
import java.util.Map;

/**
 * The figures of {@code analyze workload FILE}: arrivals and sizes of a workload trace, and what an ayo4j
 * deployment for it needs.
 *
 * @param source          what was read
 * @param skips           rows (or files) left out, with why; {@code skippedRows} counts all of them
 * @param skippedRows     rows left out
 * @param requests        requests read
 * @param durationS       first to last arrival
 * @param windows         arrival rate at each window size
 * @param interarrival    inter-arrival statistics
 * @param lengths         prompt and output length statistics
 * @param promptHistogram requests per prompt-length bucket ({@code promptWidth} tokens; last bucket open)
 * @param outputHistogram requests per output-length bucket
 * @param promptWidth     width of a prompt bucket
 * @param outputWidth     width of an output bucket
 * @param sample          (prompt, output) of a systematic sample of requests
 * @param encoder         Arlo length bins and their allocation for these prompt lengths
 * @param llm             slots, context and saturation for these requests
 * @param recommendations what to deploy, each with its figure
 */
public record WorkloadReport(String source, List<Skip> skips, long skippedRows, long requests, double durationS,
                             List<Window> windows, Interarrival interarrival, Lengths lengths, long[] promptHistogram,
                             long[] outputHistogram, int promptWidth, int outputWidth, List<double[]> sample,
                             EncoderPlan encoder, LlmPlan llm, List<Recommendation> recommendations) {
    public static final String FIG_RATE = "Arrival rate over time";
    public static final String FIG_BURST = "Burstiness";
    public static final String FIG_PROMPT = "Prompt lengths";
    public static final String FIG_OUTPUT = "Output lengths";
    public static final String FIG_SCATTER = "Prompt against output length";
    public static final String FIG_BINS = "Arlo length bins for these prompts";
    public static final String FIG_LLM = "LLM slots, context and saturation";

    /** Arrival rate at one window size: its series, peak and mean (requests/s), and peak over mean. */
    public record Window(double seconds, List<double[]> series, double peakRate, double meanRate) {
        /** Peak over mean. */
        public double peakToMean() {
            return meanRate == 0 ? Double.NaN : peakRate / meanRate;
        }
    }

    /** Inter-arrival gaps: mean, standard deviation, coefficient of variation. */
    public record Interarrival(long gaps, double meanS, double sdS, double cv) {}

    /** Length statistics and correlations. */
    public record Lengths(double promptMean, double promptP50, double promptP90, double promptP99, long promptMax,
                          double outputMean, double outputP50, double outputP90, double outputP99, long outputMax,
                          double totalP99, long totalMax, double pearson, double spearman) {}

    /**
     * Length bins from the encoder cost model, with each bin's share of requests, its rate at the busiest minute,
     * and the workers the allocator gives it.
     */
    public record EncoderPlan(int maxTokens, List<Integer> upperBounds, List<Long> requestsPerBin,
                              List<Double> ratePerBin, List<Integer> workersPerBin, long truncated,
                              double computeSavedVsMaxPadding, String costModel) {}

    /**
     * LLM sizing. {@code measured} is false when no engine trace was given; then only the context is sized.
     *
     * @param contextPerSlot tokens each slot needs (p99 of prompt + output, rounded up)
     * @param measured       whether per-token costs came from a run trace
     * @param engine         the measured engine
     * @param prefillMsPerToken measured prefill cost
     * @param decodeMsPerToken  measured decode cost
     * @param decodeBatch    mean decode batch the costs were measured at
     * @param meanServiceMs  E[prefill + decode] for these requests at those costs
     * @param saturationRate requests/s one instance serves at most
     * @param peakRate       busiest-minute arrival rate
     * @param instances      instances needed for the peak
     * @param slots          slots per instance (Little's law at the peak)
     */
    public record LlmPlan(int contextPerSlot, boolean measured, String engine, double prefillMsPerToken,
                          double decodeMsPerToken, double decodeBatch, double meanServiceMs, double saturationRate,
                          double peakRate, int instances, int slots) {}

    /** The window of {@code seconds}, if measured. */
    public Window window(double seconds) {
        return windows.stream().filter(w -> w.seconds() == seconds).findFirst().orElseThrow();
    }

    /** Arrival windows by size, for lookup. */
    public Map<Double, Window> windowsBySize() {
        Map<Double, Window> m = new java.util.LinkedHashMap<>();
        windows.forEach(w -> m.put(w.seconds(), w));
        return m;
    }
}
