// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inputs of one forward pass, padded (with id 0, mask 0) to the pass's own longest member only.
 *
 * @param size    items in the pass
 * @param length  the longest member's token count
 * @param lengths each item's real token count
 */
record PaddedBatch(int size, int length, int[] lengths, long[] ids, long[] mask, long[] typeIds) {

    static PaddedBatch of(List<Tokens> items) {
        int size = items.size();
        int length = items.stream().mapToInt(Tokens::length).max().orElseThrow();
        int[] lengths = new int[size];
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        for (int i = 0; i < size; i++) {
            Tokens t = items.get(i);
            lengths[i] = t.length();
            System.arraycopy(t.ids(), 0, ids, i * length, t.length());
            System.arraycopy(t.typeIds(), 0, types, i * length, t.length());
            for (int j = 0; j < t.length(); j++) {
                mask[i * length + j] = 1;
            }
        }
        return new PaddedBatch(size, length, lengths, ids, mask, types);
    }

    /**
     * The tensors for the graph inputs the session declares; some exports have no
     * {@code token_type_ids}. The caller closes them.
     */
    Map<String, OnnxTensor> tensors(OrtEnvironment env, Set<String> inputNames) throws OrtException {
        long[] shape = {size, length};
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            tensors.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            tensors.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (inputNames.contains("token_type_ids")) {
                tensors.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(typeIds), shape));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return tensors;
    }

    /** Real tokens in the pass (what the trace reports as tokens in). */
    int realTokens() {
        int sum = 0;
        for (int l : lengths) {
            sum += l;
        }
        return sum;
    }
}
