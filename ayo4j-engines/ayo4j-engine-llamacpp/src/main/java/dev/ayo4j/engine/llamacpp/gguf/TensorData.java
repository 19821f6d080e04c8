// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.io.IOException;

/**
 * Producer of one tensor's bytes, called once while the file is written, so that large random models
 * are streamed rather than held in memory. It must write exactly the size its type and shape imply.
 */
@FunctionalInterface
public interface TensorData {
    /** Writes the tensor's data in ggml order (innermost dimension first). */
    void writeTo(LittleEndianOutput out) throws IOException;
}
