// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a llama-architecture GGUF: the {@code llama.*} and {@code tokenizer.ggml.*} metadata and the
 * tensors of every block, each filled by a {@link Weights} source.
 */
final class LlamaGguf {
    private LlamaGguf() {}

    /** Source of each tensor's data. */
    interface Weights {
        /** The data of {@code name}, of type {@code type} and ggml dimensions {@code dims}. */
        TensorData tensor(String name, GgmlType type, long[] dims);
    }

    /** llama.cpp file type code: 0 = all F32, 7 = mostly Q8_0. */
    private static int fileType(GgmlType matrices) {
        return switch (matrices) {
            case F32 -> 0;
            case F16 -> 1;
            case Q8_0 -> 7;
        };
    }

    static void write(Path out, String name, ModelShape s, Vocabulary vocab, GgmlType matrices, Weights weights) {
        if (vocab.size() != s.vocab()) {
            throw new IllegalArgumentException(String.format(
                    "vocabulary has %d tokens, the shape says %d", vocab.size(), s.vocab()));
        }
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "llama");
        w.putString("general.name", name);
        w.putUInt32("general.file_type", fileType(matrices));
        w.putUInt32("llama.context_length", s.ctx());
        w.putUInt32("llama.embedding_length", s.dim());
        w.putUInt32("llama.block_count", s.layers());
        w.putUInt32("llama.feed_forward_length", s.ffn());
        w.putUInt32("llama.rope.dimension_count", s.headDim());
        w.putFloat32("llama.rope.freq_base", 10000f);
        w.putUInt32("llama.attention.head_count", s.heads());
        w.putUInt32("llama.attention.head_count_kv", s.kvHeads());
        w.putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        w.putUInt32("llama.vocab_size", s.vocab());
        w.putString("tokenizer.ggml.model", "llama");
        w.put("tokenizer.ggml.tokens", array(GgufValueType.STRING, vocab.pieces().stream()
                .<GgufValue>map(GgufValue.Str::new).toList()));
        w.put("tokenizer.ggml.scores", array(GgufValueType.FLOAT32, vocab.scores().stream()
                .<GgufValue>map(GgufValue.Float32::new).toList()));
        w.put("tokenizer.ggml.token_type", array(GgufValueType.INT32, vocab.types().stream()
                .<GgufValue>map(GgufValue.Int32::new).toList()));
        w.putUInt32("tokenizer.ggml.unknown_token_id", Vocabulary.UNK);
        w.putUInt32("tokenizer.ggml.bos_token_id", Vocabulary.BOS);
        w.putUInt32("tokenizer.ggml.eos_token_id", Vocabulary.EOS);
        w.putBool("tokenizer.ggml.add_bos_token", true);
        w.putBool("tokenizer.ggml.add_eos_token", false);
        w.putBool("tokenizer.ggml.add_space_prefix", true);

        add(w, weights, "token_embd.weight", matrices, s.dim(), s.vocab());
        for (int i = 0; i < s.layers(); i++) {
            String b = "blk." + i + ".";
            add(w, weights, b + "attn_norm.weight", GgmlType.F32, s.dim());
            add(w, weights, b + "attn_q.weight", matrices, s.dim(), s.dim());
            add(w, weights, b + "attn_k.weight", matrices, s.dim(), s.kvDim());
            add(w, weights, b + "attn_v.weight", matrices, s.dim(), s.kvDim());
            add(w, weights, b + "attn_output.weight", matrices, s.dim(), s.dim());
            add(w, weights, b + "ffn_norm.weight", GgmlType.F32, s.dim());
            add(w, weights, b + "ffn_gate.weight", matrices, s.dim(), s.ffn());
            add(w, weights, b + "ffn_down.weight", matrices, s.ffn(), s.dim());
            add(w, weights, b + "ffn_up.weight", matrices, s.dim(), s.ffn());
        }
        add(w, weights, "output_norm.weight", GgmlType.F32, s.dim());
        add(w, weights, "output.weight", matrices, s.dim(), s.vocab());
        w.write(out);
    }

    private static GgufValue array(GgufValueType type, List<GgufValue> values) {
        return new GgufValue.Array(type, new ArrayList<>(values));
    }

    private static void add(GgufWriter w, Weights weights, String name, GgmlType type, long... dims) {
        w.addTensor(name, type, dims, weights.tensor(name, type, dims));
    }
}
