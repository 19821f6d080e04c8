// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Header of a GGUF file as read back by {@link GgufReader}: version, metadata and tensor infos, without
 * the tensor data.
 *
 * @param version    GGUF version (2 or 3)
 * @param metadata   metadata entries in file order
 * @param tensors    tensor infos in file order
 * @param dataOffset byte offset of the aligned data section
 */
public record GgufFile(int version, Map<String, GgufValue> metadata, List<TensorInfo> tensors, long dataOffset) {
    public GgufFile {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /**
     * One tensor's description.
     *
     * @param name     tensor name, e.g. {@code blk.0.attn_q.weight}
     * @param dims     dimensions in ggml order, innermost first
     * @param typeCode ggml type code (may be a type this writer does not produce)
     * @param offset   offset of the data relative to the data section
     */
    public record TensorInfo(String name, List<Long> dims, int typeCode, long offset) {
        public TensorInfo {
            Objects.requireNonNull(name, "name");
            dims = List.copyOf(dims);
        }

        /** The type, or null if it is not one of {@link GgmlType}. */
        public @Nullable GgmlType type() {
            return GgmlType.ofCode(typeCode);
        }
    }

    /** The string value of {@code key}, or null if absent or not a string. */
    public @Nullable String string(String key) {
        return metadata.get(key) instanceof GgufValue.Str(String s) ? s : null;
    }

    /** The value of integer entry {@code key} of any integer width, or null. */
    public @Nullable Long integer(String key) {
        return switch (metadata.get(key)) {
            case GgufValue.UInt8(int v) -> (long) v;
            case GgufValue.Int8(byte v) -> (long) v;
            case GgufValue.UInt16(int v) -> (long) v;
            case GgufValue.Int16(short v) -> (long) v;
            case GgufValue.UInt32(long v) -> v;
            case GgufValue.Int32(int v) -> (long) v;
            case GgufValue.UInt64(long v) -> v;
            case GgufValue.Int64(long v) -> v;
            case null, default -> null;
        };
    }

    /** {@code general.architecture}, or null if the file does not declare one. */
    public @Nullable String architecture() {
        return string("general.architecture");
    }

    /** The tensor called {@code name}, or null. */
    public @Nullable TensorInfo tensor(String name) {
        for (TensorInfo t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
