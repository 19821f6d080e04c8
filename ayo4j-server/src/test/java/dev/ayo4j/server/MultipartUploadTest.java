// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text files uploaded as {@code multipart/form-data} with {@code curl -F}: ids, idempotence, progress
 * events and the limits, on a service that records what it is given to ingest.
 */
class MultipartUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final TestingAppService service = new TestingAppService();
    private Ayo4jServer server;

    private void start(Limits limits) throws InterruptedException {
        server = Ayo4jServer.builder().port(0).limits(limits).service(() -> service).build().start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isReady() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path file(String name, String text) throws Exception {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code curl -s -w '\n%{http_code}' ARGS URL}: the status and the body. */
    private Reply curl(String collection, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sN", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        cmd.add(server.uri() + "/v1/collections/" + collection + "/documents");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        int nl = out.lastIndexOf('\n');
        return new Reply(Integer.parseInt(out.substring(nl + 1).strip()), out.substring(0, nl));
    }

    private record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @Test
    void filesAreDocumentsNamedByTheirFileNameOrAGivenIdAndUploadingAgainReplacesThem() throws Exception {
        start(Limits.DEFAULT);
        Path a = file("alpha.md", "# Alpha\nLucene keeps the vectors.");
        Path b = file("beta.txt", "Prefill splitting, é and ü.");
        Reply r = curl("notes", "-F", "file=@" + a, "-F", "id=topics/beta.txt", "-F", "file=@" + b);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("documents").asInt()).isEqualTo(2);
        assertThat(service.documents.get("notes")).containsOnlyKeys("alpha.md", "topics/beta.txt")
                .containsEntry("topics/beta.txt", "Prefill splitting, é and ü.");

        Files.writeString(a, "# Alpha\nNow about HNSW.");
        assertThat(curl("notes", "-F", "file=@" + a).status()).isEqualTo(200);
        assertThat(service.documents.get("notes")).hasSize(2).containsEntry("alpha.md", "# Alpha\nNow about HNSW.");
    }

    @Test
    void aLargeUploadAcknowledgesEachStoredGroupAsProgressEvents() throws Exception {
        start(Limits.DEFAULT);
        List<String> args = new ArrayList<>(List.of("-H", "Accept: text/event-stream"));
        for (int i = 0; i < CollectionRoutes.GROUP + 4; i++) {
            args.addAll(List.of("-F", "file=@" + file("doc-" + i + ".md", "Document number " + i + ".")));
        }
        Reply r = curl("big", args.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(200);
        List<String> events = r.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip())
                .toList();
        assertThat(events).containsExactly("progress", "progress", "done");
        assertThat(r.body()).contains("\"documents\":" + CollectionRoutes.GROUP + ",\"of\":" + (CollectionRoutes.GROUP + 4));
        assertThat(service.documents.get("big")).hasSize(CollectionRoutes.GROUP + 4);
    }

    @Test
    void aFileThatIsNotUtf8TextIsA422NamingTheFileAndNothingIsStored() throws Exception {
        start(Limits.DEFAULT);
        Path good = file("good.md", "fine");
        Path latin1 = file("latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Reply r = curl("mixed", "-F", "file=@" + good, "-F", "file=@" + latin1);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").get("message").asText()).contains("latin1.txt").contains("not UTF-8");
        Reply binary = curl("mixed", "-F", "file=@" + file("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}));
        assertThat(binary.status()).isEqualTo(422);
        assertThat(binary.json().get("error").get("message").asText()).contains("image.png").contains("binary");
        assertThat(service.documents).doesNotContainKey("mixed");
    }

    @Test
    void theUploadLimitsHoldAsForJson() throws Exception {
        start(Limits.DEFAULT.withMaxDocumentsPerUpload(2).withMaxUploadBytes(4_096));
        Path one = file("one.md", "one");
        Reply many = curl("c", "-F", "file=@" + one, "-F", "file=@" + file("two.md", "two"), "-F",
                "file=@" + file("three.md", "three"));
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.json().get("error").get("message").asText()).contains("at most 2 documents");
        Reply big = curl("c", "-F", "file=@" + file("big.md", "word ".repeat(2_000)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("error").get("message").asText()).contains("4096 bytes");
        Reply streamed = curl("c", "-H", "Transfer-Encoding: chunked", "-F", "file=@" + dir.resolve("big.md"));
        assertThat(streamed.status()).as("a body of no declared length is cut at the limit").isEqualTo(413);
        assertThat(streamed.json().get("error").get("message").asText()).contains("over the limit of 4096 bytes");
        Reply twice = curl("c", "-F", "file=@" + one, "-F", "id=one.md", "-F", "file=@" + file("other.md", "x"));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("error").get("message").asText()).contains("'one.md' appears twice");
        Reply unknown = curl("c", "-F", "title=hello", "-F", "file=@" + one);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").get("message").asText()).contains("unknown form field 'title'");
        Reply none = curl("c", "-F", "id=lonely.md");
        assertThat(none.status()).isEqualTo(400);
        Reply badId = curl("c", "-F", "id=../etc/passwd", "-F", "file=@" + one);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(service.documents).doesNotContainKey("c");
        assertThat(curl("c", "-F", "file=@" + one).status()).as("the server keeps serving").isEqualTo(200);
    }
}
