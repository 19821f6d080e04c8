// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive that {@code package} builds, unpacked into a temporary folder and run from there as a user
 * would, on the JDK that runs this test, with a fresh {@code AYO4J_HOME}: no Maven, no sources.
 */
class DistributionIT {
    private static final long TIMEOUT_MINUTES = 5;

    @TempDir
    static Path dir;

    private static Path ayo4j;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("ayo4j.distribution"));
        assertThat(archive).isRegularFile();
        Result untar = exec(dir, List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()));
        assertThat(untar.code()).as(untar.output()).isZero();
        ayo4j = dir.resolve("ayo4j");
    }

    @Test
    void holdsTheLauncherTheJarsTheLicenceAndTheCompletions() throws IOException {
        assertThat(ayo4j.resolve("bin/ayo4j")).isExecutable();
        assertThat(ayo4j.resolve("bin/find-jdk")).isExecutable();
        assertThat(ayo4j.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
        assertThat(ayo4j.resolve("NOTICE")).content().contains("all-MiniLM-L6-v2", "bge-small-en-v1.5", "llama.cpp");
        try (var jars = Files.list(ayo4j.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("ayo4j-cli-"))
                    .anyMatch(n -> n.startsWith("onnxruntime-"))
                    .allMatch(n -> n.endsWith(".jar"));
        }
        for (String script : List.of("completion/ayo4j.bash", "completion/ayo4j.zsh")) {
            assertThat(ayo4j.resolve(script)).content().contains("complete -F", "demo", "--synthetic-shape");
        }
        assertThat(ayo4j.resolve("pom.xml")).doesNotExist();
        assertThat(ayo4j.resolve("src")).doesNotExist();
    }

    @Test
    void printsTheVersionCommitAndBuildTime() throws Exception {
        Result version = ayo4j("--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).contains("ayo4j " + System.getProperty("ayo4j.version"))
                .containsPattern("commit \\S+, built \\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void helpListsDefaultsAndExitCodesAndAWrongOptionExitsWithTwo() throws Exception {
        Result help = ayo4j("demo", "--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("--llm-threads", "Exit codes:", "0", "1", "2");
        Result wrong = ayo4j("demo", "--no-such-option");
        assertThat(wrong.code()).as(wrong.output()).isEqualTo(2);
        assertThat(wrong.output()).contains("--no-such-option");
    }

    /**
     * The demo, on the tiny synthetic model so that it takes seconds: every engine loads (llama.cpp, both
     * ONNX encoders, Lucene) and the app runs unoptimized and optimized.
     */
    @Test
    void runsTheDemoWithAFreshHome() throws Exception {
        Result demo = ayo4j("demo", "--synthetic-shape", "tiny");
        assertThat(demo.code()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Speedup:", "same answer and sources in both runs: yes");
        assertThat(dir.resolve("home/models")).isDirectory();
        assertThat(dir.resolve("home/data/demo-guide")).isDirectory();
    }

    private static Result ayo4j(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ayo4j.resolve("bin/ayo4j").toString()));
        command.addAll(List.of(args));
        return exec(dir, command);
    }

    private static Result exec(Path cwd, List<String> command) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("AYO4J_HOME", dir.resolve("home").toString());
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("DJL_CACHE_DIR", dir.resolve("djl").toString());
        pb.environment().remove("AYO4J_JAVA_OPTS");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private record Result(int code, String output) {}
}
