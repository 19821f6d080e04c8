// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import dev.ayo4j.Checks;

/**
 * Shape of a llama-architecture transformer: what decides its compute and memory, not its weights.
 *
 * @param dim     embedding width ({@code n_embd})
 * @param layers  transformer blocks
 * @param heads   attention heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param ffn     feed-forward width
 * @param vocab   vocabulary size
 * @param ctx     trained context length written to the file
 */
public record ModelShape(int dim, int layers, int heads, int kvHeads, int ffn, int vocab, int ctx) {
    /** A Qwen2.5-0.5B-shaped body (896 wide, 24 layers, 14 heads, 2 KV heads, ffn 4864) with its 151,936 vocabulary. */
    public static final ModelShape QWEN25_05B = new ModelShape(896, 24, 14, 2, 4864, 151_936, 4096);
    /** About 25M parameters (the measured "random-25M" shape), for local performance runs. */
    public static final ModelShape SMALL_25M = new ModelShape(512, 8, 8, 8, 1376, 4096, 2048);
    /** About 5M parameters, for tests: loads and generates in well under a second. */
    public static final ModelShape TINY = new ModelShape(256, 4, 4, 4, 704, 2048, 2048);

    public ModelShape {
        Checks.argument(dim > 0 && layers > 0 && heads > 0 && kvHeads > 0 && ffn > 0 && vocab > 0 && ctx > 0,
                "every dimension must be > 0: %s, %s, %s, %s, %s, %s, %s", dim, layers, heads, kvHeads, ffn, vocab,
                ctx);
        Checks.argument(dim % heads == 0, "dim %s is not a multiple of heads %s", dim, heads);
        Checks.argument(heads % kvHeads == 0, "heads %s is not a multiple of kvHeads %s", heads, kvHeads);
        Checks.argument((dim / heads) % 2 == 0, "head size %s must be even for RoPE", dim / heads);
    }

    /** Size of one attention head. */
    public int headDim() {
        return dim / heads;
    }

    /** Width of the key and value projections. */
    public int kvDim() {
        return headDim() * kvHeads;
    }

    /** Number of weights (embeddings and output layer included). */
    public long parameters() {
        long perLayer = 2L * dim + (long) dim * dim * 2 + (long) dim * kvDim() * 2 + 3L * dim * ffn;
        return perLayer * layers + 2L * dim * vocab + dim;
    }

    public ModelShape withVocab(int n) {
        return new ModelShape(dim, layers, heads, kvHeads, ffn, n, ctx);
    }

    public ModelShape withCtx(int n) {
        return new ModelShape(dim, layers, heads, kvHeads, ffn, vocab, n);
    }

    public ModelShape withLayers(int n) {
        return new ModelShape(dim, n, heads, kvHeads, ffn, vocab, ctx);
    }
}
