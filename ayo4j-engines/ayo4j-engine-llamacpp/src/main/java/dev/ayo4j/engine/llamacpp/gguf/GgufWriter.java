// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writer of GGUF version 3 files: header, metadata, tensor infos and 32-byte aligned tensor data.
 *
 * <p>Dimensions are given in ggml order, innermost first: a weight matrix {@code W} with {@code rows}
 * output features of {@code cols} inputs each is {@code {cols, rows}}. Not thread-safe; use once.
 */
public final class GgufWriter {
    /** GGUF magic, the bytes {@code GGUF} read as a little-endian int. */
    public static final int MAGIC = 0x46554747;
    /** Version this writer produces. */
    public static final int VERSION = 3;
    /** Alignment of the data section and of every tensor in it. */
    public static final int ALIGNMENT = 32;

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    private record Tensor(String name, GgmlType type, long[] dims, TensorData data) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        long byteSize() {
            return type.byteSize(elements());
        }
    }

    /** Adds a metadata entry; keys keep insertion order and must be unique. */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(value, "value");
        if (metadata.putIfAbsent(Objects.requireNonNull(key, "key"), value) != null) {
            throw new IllegalArgumentException("duplicate GGUF metadata key " + key);
        }
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, new GgufValue.Str(value));
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, new GgufValue.UInt32(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, new GgufValue.Float32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, new GgufValue.Bool(value));
    }

    /** Adds a tensor with dimensions in ggml order; {@code dims[0]} must fit the type's block size. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorData data) {
        Objects.requireNonNull(name, "name");
        if (dims.length == 0 || dims.length > 4) {
            throw new IllegalArgumentException("tensor " + name + " needs 1 to 4 dimensions: " + Arrays.toString(dims));
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException(String.format("tensor %s: innermost dimension %d is not a multiple"
                    + " of the %s block size %d", name, dims[0], type, type.blockSize()));
        }
        tensors.add(new Tensor(name, type, dims.clone(), Objects.requireNonNull(data, "data")));
        return this;
    }

    /** Writes the file, replacing {@code out}; I/O failures are rethrown unchecked, naming the file. */
    public void write(Path out) {
        // Written beside the target and moved into place at the end, so an interrupted write never
        // leaves a truncated model under the final name for a later run to pick up.
        Path part = out.resolveSibling(out.getFileName() + ".part");
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GGUF file " + out + ": " + e, e);
        }
        writeTo(part);
        try {
            Files.move(part, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + part + " to " + out + ": " + e, e);
        }
    }

    private void writeTo(Path out) {
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            LittleEndianOutput o = new LittleEndianOutput(ch);
            o.i32(MAGIC);
            o.i32(VERSION);
            o.i64(tensors.size());
            o.i64(metadata.size());
            for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
                o.string(e.getKey());
                o.i32(e.getValue().type().code());
                writeValue(o, e.getValue());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                o.string(t.name());
                o.i32(t.dims().length);
                for (long d : t.dims()) {
                    o.i64(d);
                }
                o.i32(t.type().code());
                o.i64(offset);
                offset = align(offset + t.byteSize());
            }
            o.pad(ALIGNMENT);
            long dataStart = o.position();
            for (Tensor t : tensors) {
                long before = o.position();
                t.data().writeTo(o);
                long wrote = o.position() - before;
                if (wrote != t.byteSize()) {
                    throw new IllegalStateException(String.format(
                            "tensor %s wrote %d bytes, its shape and type need %d", t.name(), wrote, t.byteSize()));
                }
                o.pad(ALIGNMENT);
            }
            if (o.position() - dataStart != offset) {
                throw new IllegalStateException("post-condition failed: data section size differs from tensor offsets");
            }
            o.flush();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write GGUF file " + out + ": " + e, e);
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void writeValue(LittleEndianOutput o, GgufValue v) throws IOException {
        switch (v) {
            case GgufValue.UInt8(int x) -> o.u8(x);
            case GgufValue.Int8(byte x) -> o.u8(x);
            case GgufValue.UInt16(int x) -> o.i16(x);
            case GgufValue.Int16(short x) -> o.i16(x);
            case GgufValue.UInt32(long x) -> o.i32((int) x);
            case GgufValue.Int32(int x) -> o.i32(x);
            case GgufValue.UInt64(long x) -> o.i64(x);
            case GgufValue.Int64(long x) -> o.i64(x);
            case GgufValue.Float32(float x) -> o.f32(x);
            case GgufValue.Float64(double x) -> o.f64(x);
            case GgufValue.Bool(boolean x) -> o.u8(x ? 1 : 0);
            case GgufValue.Str(String s) -> o.string(s);
            case GgufValue.Array(GgufValueType elementType, List<GgufValue> values) -> {
                o.i32(elementType.code());
                o.i64(values.size());
                for (GgufValue e : values) {
                    writeValue(o, e);
                }
            }
        }
    }
}
