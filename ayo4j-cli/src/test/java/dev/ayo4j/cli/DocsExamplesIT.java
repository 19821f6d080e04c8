// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.api.AppFiles;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.EngineFiles;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.api.Result;
import dev.ayo4j.local.Document;
import dev.ayo4j.runtime.EngineProviders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of the README and the guide's first-app page, run: the Java example is the body of
 * {@link #firstApp}, checked line by line against the docs; the YAML blocks are parsed and the app run.
 */
class DocsExamplesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path dir;

    private static LoopbackStack stack;

    @BeforeAll
    static void start() throws IOException {
        stack = new LoopbackStack(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** The Java example of the README and the guide, as written there. */
    private static void firstApp(Path engineFile) {
        try (Ayo4j ayo = Ayo4j.builder().engines(engineFile).build()) {
            ayo.collections().ingest("notes", List.of(new Document("lucene.md", "The vector store is Lucene.")));
            Result r = ayo.prepare("advanced-rag").run(Inputs.question("Where are vectors kept?").collection("notes"));
            System.out.println(r.answer() + " " + r.sources());
        }
    }

    @Test
    void theJavaExampleOfEachPageIsThisTestsCodeAndRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/ayo4j/cli/DocsExamplesIT.java"));
        List<String> java = new ArrayList<>();
        for (String page : List.of("README.md", "docs/guide/first-app.md")) {
            java.addAll(blocks(page, "java"));
        }
        assertThat(java).hasSizeGreaterThanOrEqualTo(2);
        for (String block : java) {
            assertThat(block.lines().count()).as("a first app is under ten lines").isLessThan(10);
            for (String line : block.lines().toList()) {
                assertThat(source).as("docs line compiled by this test").contains(line.strip());
            }
        }
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            firstApp(stack.engineFile);
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith(LoopbackStack.chainText())
                .contains("lucene.md#1");
    }

    @Test
    void theYamlExamplesParseAndTheAppRuns() throws IOException {
        List<String> yaml = blocks("docs/guide/first-app.md", "yaml");
        assertThat(yaml).hasSize(2);
        assertThat(EngineFiles.parse("first-app.md", yaml.get(0), EngineProviders.load())).hasSize(4);
        var app = AppFiles.parse("first-app.md", yaml.get(1), Map.of());
        try (Ayo4j ayo = Ayo4j.builder().engines(stack.engineFile).build()) {
            ayo.collections().ingest("notes", List.of(new Document("lucene.md", "The vector store is Lucene.")));
            Result r = ayo.prepare(app).run(Inputs.question("Where are vectors kept?").collection("notes"));
            assertThat(r.answer()).isEqualTo(LoopbackStack.chainText());
            assertThat(r.sources()).hasSize(1);
        }
    }

    private static List<String> blocks(String page, String language) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(ROOT.resolve(page)));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }
}
