// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.Checks;
import java.util.Objects;

/**
 * Run-time settings of an encoder model.
 *
 * @param threads     ONNX Runtime intra-op threads for one forward pass
 * @param maxTokens   the window, special tokens included, at most 512 (the BERT limit); or
 *                    {@link #MODEL_WINDOW} for the model's own window
 * @param overflow    what happens to a text longer than the window
 * @param batchTokens padded-token budget of one forward pass ({@code texts x longest}); a single text
 *                    longer than the budget still runs, alone
 */
public record EncoderOptions(int threads, int maxTokens, Overflow overflow, int batchTokens) {
    /** One thread: engines share few cores, so each encoder takes one unless told otherwise. */
    public static final int DEFAULT_THREADS = 1;
    /** The BERT limit: 512 tokens including {@code [CLS]} and {@code [SEP]}. */
    public static final int BERT_MAX_TOKENS = 512;
    /**
     * The model's own window: what its {@code tokenizer.json} declares for a bundled model (128 tokens
     * for all-MiniLM-L6-v2, which is also where LangChain4j cuts it; 512 for bge-small-en-v1.5), and
     * {@link #BERT_MAX_TOKENS} for a model from files.
     */
    public static final int MODEL_WINDOW = 0;
    /** 1,024 padded tokens per pass: best throughput and a worst pass under 200 ms on 2 cores. */
    public static final int DEFAULT_BATCH_TOKENS = 1024;
    /** Defaults: {@link #DEFAULT_THREADS}, {@link #MODEL_WINDOW}, truncate, {@link #DEFAULT_BATCH_TOKENS}. */
    public static final EncoderOptions DEFAULTS =
            new EncoderOptions(DEFAULT_THREADS, MODEL_WINDOW, Overflow.TRUNCATE, DEFAULT_BATCH_TOKENS);

    public EncoderOptions {
        Checks.argument(threads > 0, "threads must be > 0: %s", threads);
        Checks.argument(maxTokens == MODEL_WINDOW || (maxTokens >= 2 && maxTokens <= BERT_MAX_TOKENS),
                "maxTokens must be in [2, 512], or 0 for the model's window: %s", maxTokens);
        Objects.requireNonNull(overflow, "overflow");
        Checks.argument(batchTokens > 0, "batchTokens must be > 0: %s", batchTokens);
    }

    public EncoderOptions withThreads(int n) {
        return new EncoderOptions(n, maxTokens, overflow, batchTokens);
    }

    public EncoderOptions withMaxTokens(int n) {
        return new EncoderOptions(threads, n, overflow, batchTokens);
    }

    public EncoderOptions withOverflow(Overflow o) {
        return new EncoderOptions(threads, maxTokens, o, batchTokens);
    }

    public EncoderOptions withBatchTokens(int n) {
        return new EncoderOptions(threads, maxTokens, overflow, n);
    }
}
