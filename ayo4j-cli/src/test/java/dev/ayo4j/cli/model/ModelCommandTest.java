// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.engine.llamacpp.gguf.GgufReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ModelCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void synthWritesALoadableRandomModelAndWarnsThatItsTextIsMeaningless() {
        int code = run("synth", "--kind", "random", "--shape", "tiny", "--cache", dir.toString());

        Path written = dir.resolve("synthetic").resolve("random-tiny-seed42.gguf");
        assertThat(code).isZero();
        assertThat(GgufReader.read(written).architecture()).isEqualTo("llama");
        assertThat(out.toString()).contains("wrote " + written).contains("random weights produce meaningless text");
    }

    @Test
    void synthWritesAChainModelToTheGivenFile() {
        Path file = dir.resolve("echo.gguf");

        int code = run("synth", "--kind", "chain", "--text", "the cat sat", "--out", file.toString());

        assertThat(code).isZero();
        assertThat(GgufReader.read(file).architecture()).isEqualTo("llama");
        assertThat(out.toString()).contains("yields exactly \"the cat sat\"").doesNotContain("meaningless");
    }

    @Test
    void synthRejectsAnUnknownKindOrShape() {
        assertThat(run("synth", "--kind", "huge", "--cache", dir.toString())).isEqualTo(2);
        assertThat(run("synth", "--kind", "random", "--shape", "huge", "--cache", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --kind 'huge'").contains("unknown model shape 'huge'");
    }

    @Test
    void listShowsTheCacheAndItsModels() {
        run("synth", "--kind", "json-chain", "--items", "a b,c d", "--cache", dir.toString());
        out.getBuffer().setLength(0);

        assertThat(run("list", "--cache", dir.toString())).isZero();
        assertThat(out.toString()).contains("model cache: " + dir).contains("synthetic").contains("llama");

        out.getBuffer().setLength(0);
        assertThat(run("list", "--json", "--cache", dir.toString())).isZero();
        assertThat(out.toString()).contains("\"kind\" : \"synthetic\"").contains("\"cache\" : ");
    }
}
