// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.models.ResolvedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ModelOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {
        @Mixin
        ModelOptions models = new ModelOptions();

        ResolvedModel resolved;

        @Override
        public Integer call() {
            resolved = models.resolve();
            return 0;
        }
    }

    @Test
    void fallsBackToASyntheticModelOfTheChosenShape() {
        Demo demo = new Demo();

        int code = new CommandLine(demo).execute("--synthetic-shape", "tiny", "--model-cache", dir.toString());

        assertThat(code).isZero();
        assertThat(demo.resolved.kind()).isEqualTo(ResolvedModel.Kind.SYNTHETIC);
        assertThat(demo.resolved.path()).isEqualTo(dir.resolve("synthetic").resolve("random-tiny-seed42.gguf"));
        assertThat(demo.resolved.description()).contains("meaningless");
    }

    @Test
    void usesTheGivenModel() {
        Path given = dir.resolve("given.gguf");
        new CommandLine(new ModelCommand()).setOut(new PrintWriter(new StringWriter()))
                .execute("synth", "--kind", "chain", "--out", given.toString());
        Demo demo = new Demo();

        new CommandLine(demo).execute("--model", given.toString(), "--model-cache", dir.resolve("empty").toString());

        assertThat(demo.resolved.kind()).isEqualTo(ResolvedModel.Kind.GIVEN);
        assertThat(demo.resolved.path()).isEqualTo(given.toAbsolutePath());
    }

    @Test
    void rejectsAnUnknownShape() {
        Demo demo = new Demo();
        CommandLine cli = new CommandLine(demo);

        assertThat(cli.execute("--synthetic-shape", "huge", "--model-cache", dir.toString())).isEqualTo(2);
    }
}
