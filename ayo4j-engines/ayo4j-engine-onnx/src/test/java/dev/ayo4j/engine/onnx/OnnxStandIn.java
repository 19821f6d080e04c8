// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a stand-in cross-encoder for tests: a real bundled BERT encoder with a fixed linear head on
 * its {@code [CLS]} row, exposed as a {@code logits} output. No real cross-encoder ships in any
 * package, so this tests the pair-input wiring (segment ids, padding, batching, reading logits), not
 * ranking quality.
 *
 * <p>Protobuf merges a repeated occurrence of a message field into the first, so appending one more
 * {@code ModelProto.graph} field with two nodes, two initializers and one output extends the graph
 * without parsing it: {@code logits = Gather(hidden, 0, axis=1) x head}.
 */
final class OnnxStandIn {
    private OnnxStandIn() {}

    static byte[] withClsHead(byte[] model, String hiddenOutput, float[] head) {
        ByteBuffer raw = ByteBuffer.allocate(head.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : head) {
            raw.putFloat(w);
        }
        var graph = new Proto()
                .message(1, new Proto().string(1, hiddenOutput).string(1, "standin_index").string(2, "standin_cls")
                        .string(3, "standin_gather").string(4, "Gather")
                        .message(5, new Proto().string(1, "axis").varint(3, 1).varint(20, 2)))
                .message(1, new Proto().string(1, "standin_cls").string(1, "standin_head").string(2, "logits")
                        .string(3, "standin_matmul").string(4, "MatMul"))
                .message(5, new Proto().varint(2, 7).string(8, "standin_index").bytes(9, new byte[8]))
                .message(5, new Proto().varint(1, head.length).varint(1, 1).varint(2, 1)
                        .string(8, "standin_head").bytes(9, raw.array()))
                .message(12, new Proto().string(1, "logits").message(2, new Proto().message(1, new Proto()
                        .varint(1, 1)
                        .message(2, new Proto().message(1, new Proto().string(2, "batch"))
                                .message(1, new Proto().varint(1, 1))))));
        byte[] tail = new Proto().message(7, graph).toByteArray();
        byte[] out = new byte[model.length + tail.length];
        System.arraycopy(model, 0, out, 0, model.length);
        System.arraycopy(tail, 0, out, model.length, tail.length);
        return out;
    }

    /** Minimal protobuf writer: varint and length-delimited fields only. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw((long) field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
