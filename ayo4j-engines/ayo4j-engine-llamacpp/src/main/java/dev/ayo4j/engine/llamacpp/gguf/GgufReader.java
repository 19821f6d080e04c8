// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of GGUF headers (versions 2 and 3): metadata and tensor infos, never the tensor data.
 *
 * <p>It is defensive on purpose: it runs before a file is handed to llama.cpp, which may crash the JVM
 * on garbage, so every count and length is checked against the file size before anything is
 * allocated, and any problem becomes a {@link GgufFormatException} naming the file.
 */
public final class GgufReader {
    private static final int MAX_DIMS = 4;

    private final Path file;
    private final long fileSize;
    private final DataInputStream in;
    private long position;

    private GgufReader(Path file, long fileSize, InputStream in) {
        this.file = file;
        this.fileSize = fileSize;
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    /** Reads the header of {@code file}. */
    public static GgufFile read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            return new GgufReader(file, Files.size(file), raw).readFile();
        } catch (NoSuchFileException e) {
            throw new GgufFormatException("GGUF file not found: " + file, e);
        } catch (EOFException e) {
            throw new GgufFormatException("truncated GGUF file " + file + ": it ends inside the header", e);
        } catch (IOException e) {
            throw new GgufFormatException("cannot read GGUF file " + file + ": " + e.getMessage(), e);
        }
    }

    private GgufFile readFile() throws IOException {
        if (fileSize < 24) {
            throw new GgufFormatException(String.format(
                    "not a GGUF file: %s has %d bytes, fewer than a GGUF header", file, fileSize));
        }
        int magic = i32();
        if (magic != GgufWriter.MAGIC) {
            throw new GgufFormatException(String.format(
                    "not a GGUF file: %s starts with bytes %s, expected 'GGUF' (47 47 55 46)", file, hex(magic)));
        }
        int version = i32();
        if (version != 2 && version != 3) {
            throw new GgufFormatException(String.format(
                    "unsupported GGUF version %d in %s (supported: 2, 3)", version, file));
        }
        long tensorCount = count(i64(), 8, "tensor count");
        long kvCount = count(i64(), 8, "metadata count");
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string();
            GgufValueType type = valueType(i32(), key);
            metadata.put(key, value(type, key));
        }
        List<GgufFile.TensorInfo> tensors = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string();
            int nDims = i32();
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw new GgufFormatException(String.format(
                        "corrupt GGUF file %s: tensor %s has %d dimensions", file, name, nDims));
            }
            List<Long> dims = new ArrayList<>();
            for (int d = 0; d < nDims; d++) {
                dims.add(count(i64(), 0, "dimension of tensor " + name));
            }
            tensors.add(new GgufFile.TensorInfo(name, dims, i32(), i64()));
        }
        long alignment = metadata.get("general.alignment") instanceof GgufValue.UInt32(long a) ? a : 32;
        long dataOffset = (position + alignment - 1) / alignment * alignment;
        return new GgufFile(version, metadata, tensors, dataOffset);
    }

    private GgufValueType valueType(int code, String key) {
        try {
            return GgufValueType.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException(String.format(
                    "corrupt GGUF file %s: metadata %s has unknown value type %d", file, key, code), e);
        }
    }

    private GgufValue value(GgufValueType type, String key) throws IOException {
        return switch (type) {
            case UINT8 -> new GgufValue.UInt8(u8());
            case INT8 -> new GgufValue.Int8((byte) u8());
            case UINT16 -> new GgufValue.UInt16(Short.toUnsignedInt(i16()));
            case INT16 -> new GgufValue.Int16(i16());
            case UINT32 -> new GgufValue.UInt32(Integer.toUnsignedLong(i32()));
            case INT32 -> new GgufValue.Int32(i32());
            case UINT64 -> new GgufValue.UInt64(i64());
            case INT64 -> new GgufValue.Int64(i64());
            case FLOAT32 -> new GgufValue.Float32(Float.intBitsToFloat(i32()));
            case FLOAT64 -> new GgufValue.Float64(Double.longBitsToDouble(i64()));
            case BOOL -> new GgufValue.Bool(u8() != 0);
            case STRING -> new GgufValue.Str(string());
            case ARRAY -> {
                GgufValueType elementType = valueType(i32(), key);
                if (elementType == GgufValueType.ARRAY) {
                    throw new GgufFormatException(String.format(
                            "corrupt GGUF file %s: metadata %s is an array of arrays", file, key));
                }
                long n = count(i64(), 1, "length of array " + key);
                List<GgufValue> values = new ArrayList<>((int) Math.min(n, 1 << 20));
                for (long i = 0; i < n; i++) {
                    values.add(value(elementType, key));
                }
                yield new GgufValue.Array(elementType, values);
            }
        };
    }

    /** Checks that {@code n} items of at least {@code minBytes} each can still fit in the file. */
    private long count(long n, int minBytes, String what) {
        long left = fileSize - position;
        if (n < 0 || (minBytes > 0 && n > left / minBytes)) {
            throw new GgufFormatException(String.format(
                    "corrupt GGUF file %s: %s is %s, more than its %d remaining bytes can hold",
                    file, what, Long.toUnsignedString(n), left));
        }
        return n;
    }

    private String string() throws IOException {
        long len = count(i64(), 1, "a string length");
        byte[] bytes = new byte[(int) Math.min(len, Integer.MAX_VALUE - 8)];
        in.readFully(bytes);
        position += bytes.length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int u8() throws IOException {
        position += 1;
        return in.readUnsignedByte();
    }

    private short i16() throws IOException {
        position += 2;
        return Short.reverseBytes(in.readShort());
    }

    private int i32() throws IOException {
        position += 4;
        return Integer.reverseBytes(in.readInt());
    }

    private long i64() throws IOException {
        position += 8;
        return Long.reverseBytes(in.readLong());
    }

    private static String hex(int littleEndian) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int b = (littleEndian >>> (8 * i)) & 0xff;
            sb.append(String.format("%02x", b));
            if (i < 3) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
