// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ayo4j run --engines FILE}: advanced-rag over a folder of documents with its LLM on an
 * OpenAI-compatible server on loopback and its encoders on two {@code bin/ayo4j serve encoder}
 * processes, each started from the built launcher on a free port it reports; the run is a process of
 * the launcher too. Every process has a time limit and is killed at the end, whatever happened.
 */
class RunWithEngineFileIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern SERVING = Pattern.compile("(?m)^serving .* on (http://\\S+)$");
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration RUN = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void answersOverTheDocumentsWithAnLlmServerAndEncoderServerProcesses() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("lucene.md"), "The vector store is Lucene. Passages and their vectors are "
                + "kept in an HNSW index on disk.");
        Files.writeString(docs.resolve("bread.md"), "Bake the bread for twenty minutes, then let it cool.");
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, LoopbackStack.QUERIES);
        try (TestingLlamaServer llm = TestingLlamaServer.start(model);
             Launched embedder = Launched.start(dir, "embedder", "serve", "encoder", "--model", "all-minilm-l6-v2",
                     "--port", "0");
             Launched reranker = Launched.start(dir, "reranker", "serve", "encoder", "--model", "bge-small-en-v1.5",
                     "--port", "0")) {
            String embedderUrl = embedder.awaitServing();
            String rerankerUrl = reranker.awaitServing();
            Path engineFile = LoopbackStack.writeEngineFile(dir, llm.baseUrl(), embedderUrl, rerankerUrl);
            try (Launched run = Launched.start(dir, "run", "run", "--engines", engineFile.toString(), "--docs",
                    docs.toString(), "--question", "Where are the vectors kept?")) {
                int code = run.awaitExit(RUN);
                String printed = run.output();
                assertThat(code).as(printed).isZero();
                assertThat(printed).contains("engine llm: openai", "engine embedder: tei", "engine reranker: tei",
                                "2 documents, 2 passages")
                        .contains(LoopbackStack.chainText()).contains("lucene.md#1").contains("lower bound");
            }
            // Both encoder server processes did the encoding: each ran batches.
            assertThat(batches(embedderUrl)).isPositive();
            assertThat(batches(rerankerUrl)).isPositive();
        }
    }

    /** The batches an encoder server ran, from its Prometheus text. */
    private static double batches(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^ayo4j_encoder_batches_total\\{[^}]*} (\\S+)$").matcher(body);
            assertThat(m.find()).as("a batch counter in the metrics of %s:%n%s", url, body).isTrue();
            return Double.parseDouble(m.group(1));
        }
    }

    /** A process of {@code bin/ayo4j}, its output in a file; closing it stops it (TERM, then KILL) and waits. */
    private static final class Launched implements AutoCloseable {
        private final Process process;
        private final Path log;

        private Launched(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Launched start(Path dir, String label, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/ayo4j").toString()));
            command.addAll(List.of(args));
            Path log = dir.resolve(label + ".log");
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("AYO4J_HOME", dir.resolve("home").toString());
            pb.environment().put("TMPDIR", tmp.toString());
            return new Launched(pb.start(), log);
        }

        /** The URL the encoder server reports once it serves; fails if it exits or takes longer than {@link #START}. */
        String awaitServing() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = SERVING.matcher(output());
                if (m.find()) {
                    return m.group(1);
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the encoder server exited with " + process.exitValue() + ":\n" + output());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the encoder server did not report its port within " + START + ":\n" + output());
        }

        int awaitExit(Duration limit) throws IOException, InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("bin/ayo4j did not finish within " + limit + ":\n" + output());
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            // bin/ayo4j execs the JVM, so the process is the JVM itself: TERM reaches it.
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
