// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.engine.onnx.EncoderModel;
import java.util.List;

/**
 * An in-process ONNX session: each dispatched batch is one forward pass padded to its longest text, so the
 * batch policy's choice is exactly what runs. The model may be shared by several members (ONNX Runtime
 * sessions are thread-safe); it is closed only when {@code owned}.
 */
record LocalMember(String name, EncoderModel model, boolean owned) implements Member {
    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embedPass(texts);
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public boolean blocksInNative() {
        return true;
    }

    @Override
    public void close() {
        if (owned) {
            model.close();
        }
    }
}
