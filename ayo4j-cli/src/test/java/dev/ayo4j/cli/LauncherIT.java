// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shell tests of {@code src/test/shell} against the repository's real {@code bin/ayo4j} and
 * {@code mvnw}: each script exits 0 when the behaviour holds and prints what it saw otherwise. An IT, so
 * that the command-line jar the launcher runs has been packaged.
 */
class LauncherIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();

    @Test
    void mavenWrapperFindsAJdk25WhenJavaHomeIsUnset() throws Exception {
        runScript("mvnw-finds-jdk25.sh", 120);
    }

    @Test
    void aFiftyThousandCharacterQuestionReachesThePromptSizeError() throws Exception {
        runScript("long-question.sh", 240);
    }

    @Test
    void termOfTheLauncherDrainsTheEncoderServerAndFreesItsPort() throws Exception {
        runScript("term-drains-encoder-server.sh", 180);
    }

    private static void runScript(String name, int timeoutSeconds) throws IOException, InterruptedException {
        Path script = MODULE.resolve("src/test/shell").resolve(name);
        Path log = Files.createTempFile("ayo4j-shell-", ".log");
        try {
            Process p = new ProcessBuilder("bash", script.toString(), ROOT.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(done).as("%s finished within %d s; output:%n%s", name, timeoutSeconds, out).isTrue();
            assertThat(p.exitValue()).as("exit status of %s; output:%n%s", name, out).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
