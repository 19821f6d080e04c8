// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HubDownloaderTest {
    private static final String REPO = "acme/tiny-llama-GGUF";
    private static final String FILE = "tiny-q8_0.gguf";

    @TempDir
    Path dir;

    private TestingHubServer hub;
    private ModelCache cache;
    private byte[] model;
    private final ByteArrayOutputStream progressText = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        hub = new TestingHubServer();
        cache = new ModelCache(dir.resolve("models"));
        model = TestModels.gguf(Files.createDirectories(dir.resolve("scratch")), "llama");
        hub.serve(REPO, FILE, model);
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    private HubDownloader downloader() {
        return builder().build();
    }

    private HubDownloader.Builder builder() {
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(progressText, true, StandardCharsets.UTF_8), false,
                () -> now.addAndGet(1_000_000));
        return HubDownloader.builder(cache).environment(Map.of()).endpoint(hub.endpoint()).progress(bar);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStalledBodyTimesOutKeepingThePartAndTheNextPullResumes() {
        int third = model.length / 3;
        hub.stallOnceAfter(REPO, FILE, third);

        assertThatThrownBy(() -> builder().idleTimeout(Duration.ofMillis(500)).build().pull(REPO, FILE))
                .isInstanceOf(DownloadInterruptedException.class)
                .hasMessageContaining("no data for")
                .hasMessageContaining("next pull resumes it");
        assertThat(cache.partPath(REPO, FILE)).hasSize(third);

        PulledModel pulled = downloader().pull(REPO, FILE);

        assertThat(pulled.resumedFrom()).isEqualTo(third);
        assertThat(pulled.path()).hasBinaryContent(model);
    }

    @Test
    void anUnreachableHubIsNamedWithTheCause() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HubDownloader d = HubDownloader.builder(cache).environment(Map.of())
                .endpoint(java.net.URI.create("http://127.0.0.1:" + port)).build();

        assertThatThrownBy(() -> d.pull(REPO, FILE)).isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("cannot reach the hub at http://127.0.0.1:" + port)
                .hasMessageContaining("connection refused");
    }

    @Test
    void aPinnedChecksumIsVerifiedForACachedFile() {
        downloader().pull(REPO, FILE);
        String sha = TestingHubServer.sha256(model);

        assertThat(downloader().pull(REPO, FILE, "main", Optional.of(sha)).verifiedSha256()).isEqualTo(sha);
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> downloader().pull(REPO, FILE, "main", Optional.of(wrong)))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("cached file " + cache.path(REPO, FILE))
                .hasMessageContaining("expected " + wrong).hasMessageContaining("got " + sha);
        assertThat(cache.path(REPO, FILE)).hasBinaryContent(model);
    }

    @Test
    void anotherRevisionIsCachedApart() {
        hub.serve(REPO, "v2", FILE, "not a model".getBytes(StandardCharsets.UTF_8));
        downloader().pull(REPO, FILE);

        assertThatThrownBy(() -> downloader().pull(REPO, FILE, "v2", Optional.empty()))
                .isInstanceOf(InvalidModelException.class);
        assertThat(cache.path(REPO, FILE, "v2")).isNotEqualTo(cache.path(REPO, FILE));
        assertThat(cache.path(REPO, FILE)).hasBinaryContent(model);
        assertThat(hub.requests()).extracting(TestingHubServer.Request::path)
                .contains("/" + REPO + "/resolve/v2/" + FILE);
    }

    @Test
    void downloadsThroughTheRedirectAndVerifiesTheSha256() {
        PulledModel pulled = downloader().pull(REPO, FILE);

        assertThat(pulled.path()).isEqualTo(cache.path(REPO, FILE)).hasBinaryContent(model);
        assertThat(pulled.verifiedSha256()).isEqualTo(TestingHubServer.sha256(model));
        assertThat(pulled.info().architecture()).isEqualTo("llama");
        assertThat(pulled.resumedFrom()).isZero();
        assertThat(cache.partPath(REPO, FILE)).doesNotExist();
        assertThat(hub.requests()).extracting(TestingHubServer.Request::path)
                .containsExactly("/" + REPO + "/resolve/main/" + FILE, "/cdn/" + TestingHubServer.sha256(model));
        assertThat(progressText.toString(StandardCharsets.UTF_8)).contains("downloading " + REPO + "/" + FILE)
                .contains("100%").contains("downloaded");
        assertThat(cache.list()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(CachedModel.Kind.PULLED);
            assertThat(cache.pullRecord(m)).get().extracting(PullRecord::sha256)
                    .isEqualTo(TestingHubServer.sha256(model));
        });
    }

    @Test
    void aCutConnectionLeavesOnlyThePartAndTheNextPullResumesWithARange() throws IOException {
        int half = model.length / 2;
        hub.cutOnceAfter(REPO, FILE, half);

        assertThatThrownBy(() -> downloader().pull(REPO, FILE))
                .isInstanceOf(DownloadInterruptedException.class)
                .hasMessageContaining(hub.endpoint() + "/" + REPO + "/resolve/main/" + FILE)
                .hasMessageContaining("next pull resumes it");
        Path part = cache.partPath(REPO, FILE);
        // The server sent half the file before it dropped the connection; the socket may lose the last bytes
        // in flight when it resets, so the part holds a prefix of at most that much, never a wrong byte.
        byte[] kept = Files.readAllBytes(part);
        assertThat(kept.length).isPositive().isLessThanOrEqualTo(half);
        assertThat(kept).isEqualTo(java.util.Arrays.copyOf(model, kept.length));
        assertThat(cache.path(REPO, FILE)).doesNotExist();
        assertThat(cache.list()).extracting(CachedModel::kind).containsExactly(CachedModel.Kind.PARTIAL);

        PulledModel pulled = downloader().pull(REPO, FILE);

        assertThat(pulled.resumedFrom()).isEqualTo(kept.length);
        assertThat(pulled.verifiedSha256()).isEqualTo(TestingHubServer.sha256(model));
        assertThat(pulled.path()).hasBinaryContent(model);
        assertThat(part).doesNotExist();
        assertThat(hub.cdnRequests()).extracting(r -> r.header("Range"))
                .containsExactly(null, "bytes=" + kept.length + "-");
        assertThat(hub.requests().get(2).header("Range")).as("the range goes to the hub, then with the redirect")
                .isEqualTo("bytes=" + kept.length + "-");
        assertThat(progressText.toString(StandardCharsets.UTF_8)).contains("resuming at");
    }

    @Test
    void restartsCleanlyWhenTheServerIgnoresTheRange() throws IOException {
        Path part = cache.partPath(REPO, FILE);
        Files.createDirectories(part.getParent());
        Files.write(part, "stale bytes that the server will not continue".getBytes(StandardCharsets.UTF_8));
        hub.ignoreRange(REPO, FILE);

        PulledModel pulled = downloader().pull(REPO, FILE);

        assertThat(hub.cdnRequests()).singleElement().extracting(r -> r.header("Range")).isNotNull();
        assertThat(pulled.resumedFrom()).isZero();
        assertThat(pulled.path()).hasBinaryContent(model);
        assertThat(pulled.verifiedSha256()).isEqualTo(TestingHubServer.sha256(model));
    }

    @Test
    void startsOverWhenThePartIsLongerThanTheFile() throws IOException {
        Path part = cache.partPath(REPO, FILE);
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[model.length + 10]);

        PulledModel pulled = downloader().pull(REPO, FILE);

        assertThat(pulled.path()).hasBinaryContent(model);
        assertThat(hub.cdnRequests()).extracting(r -> r.header("Range")).containsExactly("bytes=" + (model.length + 10)
                + "-", null);
    }

    @Test
    void aChecksumMismatchDeletesThePartAndNamesBothHashes() {
        byte[] wrong = model.clone();
        wrong[wrong.length - 1] ^= 1;
        hub.serveWrongBytes(REPO, FILE, wrong);

        assertThatThrownBy(() -> downloader().pull(REPO, FILE))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(TestingHubServer.sha256(model));
                    assertThat(e.actual()).isEqualTo(TestingHubServer.sha256(wrong));
                })
                .hasMessageContaining("expected " + TestingHubServer.sha256(model))
                .hasMessageContaining("got " + TestingHubServer.sha256(wrong));
        assertThat(cache.partPath(REPO, FILE)).doesNotExist();
        assertThat(cache.path(REPO, FILE)).doesNotExist();
    }

    @Test
    void theCallersSha256WinsOverTheHubs() {
        String other = "ab".repeat(32);

        assertThatThrownBy(() -> downloader().pull(REPO, FILE, "main", Optional.of(other.toUpperCase())))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("expected " + other + " (--sha256)");
        assertThat(cache.list()).isEmpty();
    }

    @Test
    void notFoundNamesRepositoryFileAndRevision() {
        assertThatThrownBy(() -> downloader().pull(REPO, "missing.gguf", "v2", Optional.empty()))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("repository '" + REPO + "'")
                .hasMessageContaining("file 'missing.gguf'")
                .hasMessageContaining("revision 'v2'");
        assertThat(cache.list()).isEmpty();
    }

    @Test
    void unauthorizedSaysATokenMayBeNeededAndTheTokenIsSent() {
        hub.requireToken(REPO, FILE, "hf_secret");

        assertThatThrownBy(() -> downloader().pull(REPO, FILE))
                .isInstanceOf(HubAccessDeniedException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("token may be needed")
                .hasMessageContaining("HF_TOKEN");

        HubDownloader withToken = HubDownloader.builder(cache)
                .environment(Map.of("HF_TOKEN", "hf_secret", "HF_ENDPOINT", hub.endpoint().toString())).build();
        assertThat(withToken.endpoint()).isEqualTo(hub.endpoint());
        assertThat(withToken.pull(REPO, FILE).path()).hasBinaryContent(model);
        List<TestingHubServer.Request> last = hub.requests().subList(hub.requests().size() - 2, hub.requests().size());
        assertThat(last.getFirst().header("Authorization")).as("sent to the hub").isEqualTo("Bearer hf_secret");
        assertThat(last.getLast().header("Authorization")).as("not sent to the CDN's origin").isNull();
    }

    @Test
    void rejectsAFileThatIsNotGguf() {
        byte[] notGguf = "{\"model_type\": \"llama\"}".repeat(100).getBytes(StandardCharsets.UTF_8);
        hub.serve(REPO, "config.json", notGguf);

        assertThatThrownBy(() -> downloader().pull(REPO, "config.json"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("not a GGUF file");
        assertThat(cache.list()).isEmpty();
    }

    @Test
    void acceptsAModelOfAnUnknownArchitectureButSaysItCannotRun() throws IOException {
        hub.serve(REPO, "future.gguf", TestModels.gguf(dir.resolve("scratch"), "qwen9"));

        PulledModel pulled = downloader().pull(REPO, "future.gguf");

        assertThat(pulled.info().runnable()).isFalse();
        assertThat(pulled.info().summary()).contains("qwen9").contains("NOT runnable");
    }

    @Test
    void aCachedFileIsNotDownloadedAgain() {
        downloader().pull(REPO, FILE);
        int before = hub.requests().size();

        PulledModel again = downloader().pull(REPO, FILE);

        assertThat(again.alreadyCached()).isTrue();
        assertThat(hub.requests()).hasSize(before);
    }

    @Test
    void buildsHubUrlsWithEncodedRevisionAndFile() {
        HubDownloader d = HubDownloader.builder(cache).environment(Map.of()).build();

        assertThat(d.endpoint()).isEqualTo(HubDownloader.DEFAULT_ENDPOINT);
        assertThat(d.url("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "sub dir/q8_0.gguf", "refs/pr/1")).hasToString(
                "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/refs%2Fpr%2F1/sub%20dir/q8_0.gguf");
        assertThatThrownBy(() -> HubDownloader.builder(cache).environment(Map.of("HF_ENDPOINT", "ftp://mirror")).build())
                .hasMessageContaining("HF_ENDPOINT").hasMessageContaining("ftp://mirror");
        assertThatThrownBy(() -> d.url("no-owner", FILE, "main")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner/name");
        assertThatThrownBy(() -> d.url(REPO, "../escape.gguf", "main")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escape.gguf");
    }
}
