// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ayo4j run --engines FILE}: advanced-rag over a folder of documents with its LLM on an
 * OpenAI-compatible server and its encoders on TEI-compatible encoder servers (in-process
 * {@code EncoderServer}s, what {@code ayo4j serve encoder} runs), all on loopback, through the CLI.
 */
class RunWithEngineFileIT {
    @TempDir
    Path dir;

    @Test
    void answersOverTheDocumentsWithTheEnginesOfTheFile() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("lucene.md"), "The vector store is Lucene. Passages and their vectors are "
                + "kept in an HNSW index on disk.");
        Files.writeString(docs.resolve("bread.md"), "Bake the bread for twenty minutes, then let it cool.");
        try (LoopbackStack stack = new LoopbackStack(dir)) {
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Ayo4jCli.run("run", "--engines", stack.engineFile.toString(), "--docs", docs.toString(),
                        "--question", "Where are the vectors kept?");
            } finally {
                System.setOut(out);
            }
            String printed = captured.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed).isZero();
            assertThat(printed).contains("engine llm: openai", "engine embedder: tei", "2 documents, 2 passages")
                    .contains(LoopbackStack.chainText()).contains("lucene.md#1").contains("lower bound");
        }
    }
}
