// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

/** GGUF metadata value type codes, as numbered by the GGUF specification. */
public enum GgufValueType {
    UINT8(0), INT8(1), UINT16(2), INT16(3), UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8),
    ARRAY(9), UINT64(10), INT64(11), FLOAT64(12);

    private final int code;

    GgufValueType(int code) {
        this.code = code;
    }

    /** The code written to the file. */
    public int code() {
        return code;
    }

    /** The type with {@code code}; throws naming the code if it is not a GGUF value type. */
    public static GgufValueType ofCode(long code) {
        for (GgufValueType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown GGUF value type code " + code);
    }
}
