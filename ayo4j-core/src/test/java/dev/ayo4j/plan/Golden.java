// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden-file check for explain text: compares with
 * {@code src/test/resources/dev/ayo4j/plan/golden/<TestClass>/<testName>.txt} in the module's source
 * tree.
 *
 * <p>To create or update golden files after an intended change, run the tests with
 * {@code -Dgolden.update=true} (for example {@code ./mvnw -pl ayo4j-core verify -Dgolden.update=true}),
 * review the diff with {@code git diff}, and commit the files. A missing file fails the test with a
 * message saying so; without the property, files are only read, never written.
 */
public final class Golden {
    /** System property that switches from comparing to (re)writing golden files. */
    public static final String UPDATE_PROPERTY = "golden.update";

    private static final Path ROOT = Path.of("src", "test", "resources", "dev", "ayo4j", "plan", "golden");

    private Golden() {}

    /** Asserts that {@code actual} equals the golden file of the running test (or writes it when updating). */
    public static void assertMatches(TestInfo info, String actual) {
        String testClass = info.getTestClass().orElseThrow().getSimpleName();
        String testName = info.getTestMethod().orElseThrow().getName();
        assertMatches(testClass, testName, actual);
    }

    /** Asserts that {@code actual} equals golden file {@code <testClass>/<testName>.txt}. */
    public static void assertMatches(String testClass, String testName, String actual) {
        Path file = root().resolve(testClass).resolve(testName + ".txt");
        String text = normalize(actual);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file %s is missing; run the tests with -D%s=true to create it, review it and commit it",
                        file, UPDATE_PROPERTY);
            }
            String expected = normalize(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(text)
                    .as("explain text differs from golden file %s (if the change is intended, rerun with -D%s=true"
                            + " and review the diff)", file, UPDATE_PROPERTY)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden root in the module's source tree; Maven runs tests with the module as basedir. */
    private static Path root() {
        String basedir = System.getProperty("basedir");
        return basedir == null ? ROOT : Path.of(basedir).resolve(ROOT);
    }

    private static String normalize(String s) {
        String t = s.replace("\r\n", "\n");
        return t.endsWith("\n") ? t : t + "\n";
    }
}
