package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code ayo4j serve} (the built jar, on the embedded engines with a chain model) during
 * an upload: after a restart every document whose group was acknowledged is stored, and uploading
 * everything again completes the rest without duplicating anything.
 */
class ServeKillDuringUploadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 160;
    /** Documents the server commits and acknowledges at a time (its {@code CollectionRoutes.GROUP}). */
    private static final int GROUP = 16;

    private static final Path LOG = Path.of("target", "serve-kill-during-upload.log");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acknowledgedDocumentsSurviveAKillAndAReuploadDuplicatesNothing() throws Exception {
        String upload = upload();
        Process first = launch();
        List<String> acknowledged = new ArrayList<>();
        try {
            URI uri = awaitPort(first);
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(uri.resolve("/v1/collections/kill/documents"))
                    .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(upload)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("\"ids\"")) {
                        JSON.readTree(line.substring(5)).get("ids").forEach(id -> acknowledged.add(id.asText()));
                        if (acknowledged.size() >= 3 * GROUP) {
                            first.destroyForcibly().waitFor();
                            break;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the connection died with the server
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3 * GROUP).hasSizeLessThan(DOCUMENTS);

        Process second = launch();
        try {
            URI uri = awaitPort(second);
            assertThat(passages(uri)).isGreaterThanOrEqualTo(acknowledged.size());
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(uri.resolve("/v1/collections/kill/documents"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(upload)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(passages(uri)).isEqualTo(DOCUMENTS);
            for (String id : List.of(acknowledged.getFirst(), acknowledged.getLast(), "doc-" + (DOCUMENTS - 1))) {
                HttpResponse<String> del = http.send(HttpRequest.newBuilder(uri.resolve("/v1/collections/kill/documents/"
                        + id)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(JSON.readTree(del.body()).path("passages").asInt()).as(id).isEqualTo(1);
            }
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    /** {@value #DOCUMENTS} one-passage documents. */
    private static String upload() throws Exception {
        List<Map<String, String>> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.add(Map.of("id", "doc-" + i, "text", "Document number " + i + " says something short about topic " + i
                    + "."));
        }
        return JSON.writeValueAsString(Map.of("documents", docs));
    }

    private int passages(URI uri) throws Exception {
        JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(uri.resolve("/v1/collections")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode c : list.get("data")) {
            if (c.get("name").asText().equals("kill")) {
                return c.get("passages").asInt();
            }
        }
        return 0;
    }

    private Process launch() throws Exception {
        Path model = dir.resolve("chain.gguf");
        if (!Files.exists(model)) {
            SyntheticModels.writeJsonListChain(model, List.of("one", "two", "three"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-Xmx1g", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-jar", Path.of("target", "ayo4j-cli.jar").toAbsolutePath().toString(), "serve", "--port", "0",
                "--model", model.toString(), "--config", config().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        pb.environment().put("AYO4J_HOME", dir.resolve("home").toString());
        Files.deleteIfExists(LOG);
        return pb.start();
    }

    /** A server file whose default collection is the one uploaded to, so that no guide is ingested first. */
    private Path config() throws Exception {
        return Files.writeString(dir.resolve("server.yaml"), "collection: kill\nlimits: {maxConcurrentRuns: 4}\n");
    }

    /** The server's address from its start-up line, once {@code /ready} answers 200. */
    private URI awaitPort(Process p) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Pattern line = Pattern.compile("serving on (http://\\S+)");
        URI uri = null;
        while (true) {
            if (!p.isAlive() || System.nanoTime() > until) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("server did not start: " + Files.readString(LOG));
            }
            if (uri == null && Files.exists(LOG)) {
                Matcher m = line.matcher(Files.readString(LOG));
                if (m.find()) {
                    uri = URI.create(m.group(1));
                }
            }
            if (uri != null) {
                try {
                    if (http.send(HttpRequest.newBuilder(uri.resolve("/ready")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        return uri;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
    }
}
