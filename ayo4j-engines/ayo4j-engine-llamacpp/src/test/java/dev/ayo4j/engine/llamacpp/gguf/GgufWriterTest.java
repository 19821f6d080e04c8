// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {
    @TempDir Path dir;

    @Test
    void readsBackMetadataAndTensorInfos() throws Exception {
        Path f = dir.resolve("t.gguf");
        new GgufWriter()
                .putString("general.architecture", "llama")
                .putUInt32("llama.block_count", 3)
                .putFloat32("eps", 1e-5f)
                .putBool("flag", true)
                .put("list", new GgufValue.Array(GgufValueType.STRING,
                        List.of(new GgufValue.Str("a"), new GgufValue.Str("▁b"))))
                .addTensor("w", GgmlType.Q8_0, new long[] {64, 3}, o -> {
                    for (int r = 0; r < 3; r++) {
                        RowWriter.write(o, GgmlType.Q8_0, new float[64]);
                    }
                })
                .addTensor("n", GgmlType.F32, new long[] {5}, o -> RowWriter.write(o, GgmlType.F32, new float[5]))
                .write(f);

        GgufFile g = GgufReader.read(f);
        assertThat(g.version()).isEqualTo(3);
        assertThat(g.architecture()).isEqualTo("llama");
        assertThat(g.integer("llama.block_count")).isEqualTo(3L);
        assertThat(g.metadata().get("eps")).isEqualTo(new GgufValue.Float32(1e-5f));
        assertThat(g.metadata().get("flag")).isEqualTo(new GgufValue.Bool(true));
        assertThat(g.metadata().get("list")).isEqualTo(new GgufValue.Array(GgufValueType.STRING,
                List.of(new GgufValue.Str("a"), new GgufValue.Str("▁b"))));
        assertThat(g.tensors()).containsExactly(
                new GgufFile.TensorInfo("w", List.of(64L, 3L), GgmlType.Q8_0.code(), 0),
                new GgufFile.TensorInfo("n", List.of(5L), GgmlType.F32.code(), 224));
        assertThat(g.dataOffset() % GgufWriter.ALIGNMENT).isZero();
        // 3 rows x 2 blocks x 34 bytes = 204, padded to 224, then 20 bytes of F32 padded to 32.
        assertThat(Files.size(f)).isEqualTo(g.dataOffset() + 224 + 32);
    }

    @Test
    void quantizesQ8BlocksWithFp16Scale() throws Exception {
        Path f = dir.resolve("q.gguf");
        float[] row = new float[32];
        for (int i = 0; i < 32; i++) {
            row[i] = (i - 16) / 16f;
        }
        new GgufWriter().addTensor("q", GgmlType.Q8_0, new long[] {32}, o -> RowWriter.write(o, GgmlType.Q8_0, row))
                .write(f);
        GgufFile g = GgufReader.read(f);
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        data.position((int) g.dataOffset());
        float scale = Float.float16ToFloat(data.getShort());
        assertThat(scale).isCloseTo(1f / 127, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(data.get()).isEqualTo((byte) -127);
        data.position(data.position() + 15);
        assertThat(data.get()).isZero();
    }

    @Test
    void rejectsTensorWhoseRowIsNotWholeBlocks() {
        assertThatThrownBy(() -> new GgufWriter().addTensor("x", GgmlType.Q8_0, new long[] {33, 2}, _ -> {}))
                .hasMessageContaining("tensor x").hasMessageContaining("33");
    }

    @Test
    void rejectsDataOfTheWrongSize() {
        Path f = dir.resolve("bad.gguf");
        assertThatThrownBy(() -> new GgufWriter()
                .addTensor("x", GgmlType.F32, new long[] {4}, o -> o.f32(1f)).write(f))
                .hasMessageContaining("tensor x wrote 4 bytes").hasMessageContaining("need 16");
    }

    @Test
    void readerNamesFileAndBytesOfANonGgufFile() throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello, this is not a model at all");
        assertThatThrownBy(() -> GgufReader.read(f)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("68 65 6c 6c");
    }

    @Test
    void readerRejectsCountsLargerThanTheFile() throws Exception {
        Path f = dir.resolve("trunc.gguf");
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(GgufWriter.MAGIC).putInt(3).putLong(0).putLong(1L << 40);
        Files.write(f, b.array());
        assertThatThrownBy(() -> GgufReader.read(f)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("metadata count");
    }

    @Test
    void writesRandomModelOfTheRequestedShape() {
        Path f = dir.resolve("r.gguf");
        SyntheticModels.writeRandom(f, ModelShape.TINY.withLayers(2), 7);
        GgufFile g = GgufReader.read(f);
        assertThat(g.integer("llama.block_count")).isEqualTo(2L);
        assertThat(g.integer("llama.embedding_length")).isEqualTo(256L);
        assertThat(g.tensors()).hasSize(2 + 2 * 9 + 1);
        assertThat(g.tensor("output.weight").dims()).containsExactly(256L, 2048L);
        assertThat(g.tensor("output.weight").type()).isEqualTo(GgmlType.Q8_0);
        assertThat(g.tensor("blk.1.ffn_down.weight").dims()).containsExactly(704L, 256L);
        assertThat(((GgufValue.Array) g.metadata().get("tokenizer.ggml.tokens")).values()).hasSize(2048);
    }
}
