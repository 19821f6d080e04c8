// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.util.List;
import java.util.Objects;

/**
 * Typed value of a GGUF metadata entry. Each record maps to one GGUF value type; arrays hold values of
 * a single element type.
 */
public sealed interface GgufValue {
    /** The GGUF type code written before the value. */
    GgufValueType type();

    /** Unsigned 8-bit integer, held in an {@code int}. */
    record UInt8(int value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.UINT8; }
    }

    /** Signed 8-bit integer. */
    record Int8(byte value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.INT8; }
    }

    /** Unsigned 16-bit integer, held in an {@code int}. */
    record UInt16(int value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.UINT16; }
    }

    /** Signed 16-bit integer. */
    record Int16(short value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.INT16; }
    }

    /** Unsigned 32-bit integer, held in a {@code long}. */
    record UInt32(long value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.UINT32; }
    }

    /** Signed 32-bit integer. */
    record Int32(int value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.INT32; }
    }

    /** Unsigned 64-bit integer (values above {@link Long#MAX_VALUE} read as negative). */
    record UInt64(long value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.UINT64; }
    }

    /** Signed 64-bit integer. */
    record Int64(long value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.INT64; }
    }

    /** 32-bit float. */
    record Float32(float value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.FLOAT32; }
    }

    /** 64-bit float. */
    record Float64(double value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.FLOAT64; }
    }

    /** Boolean, one byte on disk. */
    record Bool(boolean value) implements GgufValue {
        @Override public GgufValueType type() { return GgufValueType.BOOL; }
    }

    /** UTF-8 string with a 64-bit length prefix. */
    record Str(String value) implements GgufValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override public GgufValueType type() { return GgufValueType.STRING; }
    }

    /** Array of values that all have {@code elementType}. */
    record Array(GgufValueType elementType, List<GgufValue> values) implements GgufValue {
        public Array {
            Objects.requireNonNull(elementType, "elementType");
            values = List.copyOf(values);
            for (GgufValue v : values) {
                if (v.type() != elementType) {
                    throw new IllegalArgumentException(String.format(
                            "GGUF array of %s holds a %s", elementType, v.type()));
                }
            }
        }

        @Override public GgufValueType type() { return GgufValueType.ARRAY; }
    }
}
