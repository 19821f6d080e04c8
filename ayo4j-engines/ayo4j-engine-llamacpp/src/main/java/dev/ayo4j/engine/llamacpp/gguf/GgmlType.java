// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import org.jspecify.annotations.Nullable;

/**
 * Tensor data types this writer produces, with ggml's type codes and block layouts. Q8_0 stores blocks
 * of 32 values as an fp16 scale followed by 32 signed bytes.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q8_0(8, 32, 34);

    private final int code;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int code, int blockSize, int bytesPerBlock) {
        this.code = code;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** ggml's code for the type. */
    public int code() {
        return code;
    }

    /** Values per block; a row's length must be a multiple of it. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes taken by {@code elements} values; {@code elements} must be a multiple of the block size. */
    public long byteSize(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(String.format(
                    "%s needs a multiple of %d values, got %d", this, blockSize, elements));
        }
        return elements / blockSize * bytesPerBlock;
    }

    /** The type with ggml code {@code code}, or null if this writer does not know it. */
    public static @Nullable GgmlType ofCode(int code) {
        for (GgmlType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
