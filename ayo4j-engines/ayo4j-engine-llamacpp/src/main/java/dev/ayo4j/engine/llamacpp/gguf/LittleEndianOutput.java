// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Buffered little-endian sink for GGUF files that counts the bytes written, so that the writer can pad
 * to the alignment and check each tensor's size.
 */
public final class LittleEndianOutput {
    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    LittleEndianOutput(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Bytes written so far, including those still buffered. */
    public long position() {
        return written + buffer.position();
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    public void u8(int v) throws IOException {
        ensure(1);
        buffer.put((byte) v);
    }

    public void i16(int v) throws IOException {
        ensure(2);
        buffer.putShort((short) v);
    }

    public void i32(int v) throws IOException {
        ensure(4);
        buffer.putInt(v);
    }

    public void i64(long v) throws IOException {
        ensure(8);
        buffer.putLong(v);
    }

    public void f32(float v) throws IOException {
        ensure(4);
        buffer.putFloat(v);
    }

    public void f64(double v) throws IOException {
        ensure(8);
        buffer.putDouble(v);
    }

    /** A GGUF string: 64-bit byte length, then UTF-8 bytes. */
    public void string(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        i64(bytes.length);
        bytes(bytes, 0, bytes.length);
    }

    public void bytes(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            ensure(1);
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Writes zero bytes until the position is a multiple of {@code alignment}. */
    public void pad(int alignment) throws IOException {
        while (position() % alignment != 0) {
            u8(0);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
        buffer.clear();
    }
}
