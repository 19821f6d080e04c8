// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.io.IOException;

/** Encodes rows of floats as F32, F16 or Q8_0 blocks (fp16 scale, then 32 signed bytes). */
final class RowWriter {
    private RowWriter() {}

    static void write(LittleEndianOutput out, GgmlType type, float[] row) throws IOException {
        switch (type) {
            case F32 -> {
                for (float v : row) {
                    out.f32(v);
                }
            }
            case F16 -> {
                for (float v : row) {
                    out.i16(Float.floatToFloat16(v));
                }
            }
            case Q8_0 -> {
                byte[] q = new byte[32];
                for (int b = 0; b < row.length; b += 32) {
                    float amax = 0;
                    for (int i = 0; i < 32; i++) {
                        amax = Math.max(amax, Math.abs(row[b + i]));
                    }
                    float d = amax / 127f;
                    float id = d != 0 ? 1f / d : 0f;
                    for (int i = 0; i < 32; i++) {
                        q[i] = (byte) Math.round(row[b + i] * id);
                    }
                    out.i16(Float.floatToFloat16(d));
                    out.bytes(q, 0, 32);
                }
            }
        }
    }
}
