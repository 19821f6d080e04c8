// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.spi.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Downloader of model files from a Hugging Face compatible hub into a {@link ModelCache}: it fetches
 * {@code {endpoint}/{repo}/resolve/{revision}/{file}}, follows the hub's redirect to its CDN, streams into
 * {@code <file>.part}, resumes an existing part with a {@code Range} request, checks the sha256 the hub
 * announces ({@code X-Linked-Etag}, or an {@code ETag} that is a sha256, or the caller's), checks the
 * GGUF header, and only then moves the file into place atomically.
 *
 * <p>The token ({@code HF_TOKEN}) goes to the hub only: the JDK client keeps {@code Range} but drops
 * {@code Authorization} when a redirect leads to another origin, such as the hub's CDN.
 *
 * <p>Failure leaves the cache consistent: a cut connection or server error keeps the {@code .part} file
 * for the next pull to resume ({@link DownloadInterruptedException}); a checksum mismatch or a file that is
 * not GGUF deletes it. {@link #pull} blocks the calling thread (run it on a virtual thread when
 * concurrent); two pulls of the same file at once are not supported.
 */
public final class HubDownloader {
    /** The public Hugging Face hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    /** Environment variable overriding the endpoint, as in the {@code huggingface_hub} client. */
    public static final String ENDPOINT_ENV = "HF_ENDPOINT";
    /** Environment variable holding an access token, sent as {@code Authorization: Bearer}. */
    public static final String TOKEN_ENV = "HF_TOKEN";
    /** The revision pulled when none is named. */
    public static final String DEFAULT_REVISION = ModelCache.DEFAULT_REVISION;
    /** Time allowed to connect and to receive response headers. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Time the body may send nothing before the download is given up (the part is kept for a resume). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(HubDownloader.class.getName());
    private static final int BUFFER = 1 << 20;

    private final ModelCache cache;
    private final URI endpoint;
    private final @Nullable String token;
    private final DownloadProgress progress;
    private final Duration idleTimeout;
    private final HttpClient client;

    private HubDownloader(Builder b) {
        this.cache = b.cache;
        this.endpoint = b.endpoint != null ? b.endpoint : endpointFrom(b.environment);
        String envToken = b.environment.get(TOKEN_ENV);
        this.token = b.token != null ? b.token : envToken == null || envToken.isBlank() ? null : envToken.strip();
        this.progress = b.progress;
        this.idleTimeout = b.idleTimeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(DEFAULT_TIMEOUT).build();
    }

    /** A builder for downloads into {@code cache}. */
    public static Builder builder(ModelCache cache) {
        return new Builder(cache);
    }

    /** The hub endpoint in use. */
    public URI endpoint() {
        return endpoint;
    }

    /** The URL of {@code file} of {@code repo} at {@code revision} on this downloader's hub. */
    public URI url(String repo, String file, String revision) {
        ModelCache.checkRepo(repo);
        ModelCache.checkFile(file);
        Objects.requireNonNull(revision, "revision");
        if (revision.isBlank()) {
            throw new IllegalArgumentException("the revision must not be blank");
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        String path = Arrays.stream(file.split("/")).map(HubDownloader::encode).collect(Collectors.joining("/"));
        return URI.create(base + "/" + repo + "/resolve/" + encode(revision) + "/" + path);
    }

    /** Pulls {@code file} of {@code repo} at {@link #DEFAULT_REVISION}, checked against the hub's sha256. */
    public PulledModel pull(String repo, String file) {
        return pull(repo, file, DEFAULT_REVISION, Optional.empty());
    }

    /**
     * Pulls {@code file} of {@code repo} at {@code revision} into the cache, unless it is there already.
     *
     * @param expectedSha256 the sha256 to check against instead of the one the hub announces
     * @throws ModelNotFoundException       when the hub answers 404
     * @throws HubAccessDeniedException     when the hub answers 401 or 403
     * @throws ChecksumMismatchException    when the bytes do not match (the part file is deleted)
     * @throws DownloadInterruptedException when the download stops half way (the part file is kept)
     * @throws ModelDownloadException       for other hub answers or unreachable hubs
     * @throws InvalidModelException        when the file is not a GGUF model (the part file is deleted)
     */
    public PulledModel pull(String repo, String file, String revision, Optional<String> expectedSha256) {
        URI url = url(repo, file, revision);
        String expectedByCaller = expectedSha256.map(Sha256::requireHex).orElse(null);
        Path target = cache.path(repo, file, revision);
        if (Files.isRegularFile(target)) {
            return new PulledModel(target, url.toString(), GgufCheck.inspect(target), verifyCached(target,
                    expectedByCaller), 0, true);
        }
        Path part = cache.partPath(repo, file, revision);
        try {
            Files.createDirectories(part.getParent());
        } catch (IOException e) {
            throw new ModelDownloadException("cannot create the cache folder " + part.getParent() + ": " + e, e);
        }
        Transfer transfer = new Transfer(repo, file, revision, url, part);
        Transfer.Result result = transfer.run(expectedByCaller);
        ModelInfo info;
        try {
            info = GgufCheck.inspect(part);
        } catch (InvalidModelException e) {
            deleteQuietly(part);
            throw new InvalidModelException(String.format("%s from %s is not a usable GGUF model, so it was not"
                    + " kept in the cache: %s", file, url, e.getMessage()), e);
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelDownloadException("cannot move " + part + " to " + target + ": " + e, e);
        }
        ModelInfo moved = new ModelInfo(target, info.bytes(), info.ggufVersion(), info.architecture(), info.name(),
                info.tensors(), info.runnable());
        cache.recordPull(new PullRecord(repo, file, revision, url.toString(), result.sha256(), info.bytes(),
                info.architecture()));
        return new PulledModel(target, url.toString(), moved, result.sha256(), result.resumedFrom(), false);
    }

    /** The sha256 of a cached file when the caller pinned one (null when not), checked against it. */
    private static @Nullable String verifyCached(Path target, @Nullable String expected) {
        if (expected == null) {
            return null;
        }
        MessageDigest digest = Sha256.newDigest();
        try {
            Sha256.update(digest, target);
        } catch (IOException e) {
            throw new ModelDownloadException("cannot read the cached file " + target + ": " + e, e);
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException(String.format("sha256 mismatch for the cached file %s: expected %s"
                    + " (--sha256), got %s; the file was left in place: check the checksum, or delete the file and"
                    + " pull again", target, expected, actual), expected, actual);
        }
        return actual;
    }

    /**
     * Why a connection failed, for people: the innermost cause with a message ({@code HttpClient} throws a
     * {@code ConnectException} without one), e.g. "connection refused", "unknown host hub.example",
     * "connection timed out".
     */
    static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            switch (t) {
                case java.net.http.HttpConnectTimeoutException _ -> {
                    return "connection timed out after " + DEFAULT_TIMEOUT.toSeconds() + " s";
                }
                case java.net.http.HttpTimeoutException _ -> {
                    return "no answer within " + DEFAULT_TIMEOUT.toSeconds() + " s";
                }
                case java.net.UnknownHostException u -> {
                    return "unknown host " + u.getMessage();
                }
                case java.net.ConnectException c when c.getMessage() != null -> {
                    return c.getMessage().toLowerCase(java.util.Locale.ROOT);
                }
                case javax.net.ssl.SSLException ssl -> {
                    return "TLS failed: " + ssl.getMessage();
                }
                default -> { }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** One pull's HTTP exchanges: at most one restart when the server rejects or ignores the range. */
    private final class Transfer {
        record Result(@Nullable String sha256, long resumedFrom) {}

        private final String repo;
        private final String file;
        private final String revision;
        private final URI url;
        private final Path part;

        Transfer(String repo, String file, String revision, URI url, Path part) {
            this.repo = repo;
            this.file = file;
            this.revision = revision;
            this.url = url;
            this.part = part;
        }

        Result run(@Nullable String expectedByCaller) {
            for (int attempt = 0; ; attempt++) {
                long have = Files.isRegularFile(part) ? size(part) : 0;
                HttpResponse<InputStream> response = send(have);
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    boolean misfit = status == 416 || status == 206 && !rangeStartsAt(response, have);
                    if (have > 0 && attempt == 0 && misfit) {
                        // The part does not fit the file the hub has now (it changed, or the part is too long).
                        LOG.log(System.Logger.Level.WARNING, "hub answered {0} to a resume at byte {1} of {2};"
                                + " starting over", status, have, url);
                        deleteQuietly(part);
                        continue;
                    }
                    checkStatus(response);
                    boolean resume = status == 206;
                    if (have > 0 && !resume) {
                        LOG.log(System.Logger.Level.INFO, "{0} ignored the range request; downloading {1} again from"
                                + " the start", url, file);
                    }
                    return copy(response, body, resume ? have : 0, expectedByCaller);
                } catch (IOException e) {
                    throw interrupted(e);
                }
            }
        }

        private HttpResponse<InputStream> send(long have) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(DEFAULT_TIMEOUT)
                    .header("User-Agent", "ayo4j/0.1");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (have > 0) {
                    throw interrupted(e);
                }
                throw new ModelDownloadException("cannot reach the hub at " + url + ": " + cause(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadInterruptedException("download of " + url + " was interrupted; " + kept(), part, e);
            }
        }

        private void checkStatus(HttpResponse<?> response) {
            int status = response.statusCode();
            String at = String.format("repository '%s', file '%s', revision '%s' (%s)", repo, file, revision, url);
            switch (status) {
                case 200, 206 -> { }
                case 404 -> throw new ModelNotFoundException("hub answered 404 Not Found for " + at
                        + ": check the repository name, the file name and the revision");
                case 401, 403 -> throw new HubAccessDeniedException(String.format("hub answered %d %s for %s:"
                        + " the repository may be gated or private, so a token may be needed; set %s to a Hugging"
                        + " Face access token with read access (%s)%s", status,
                        status == 401 ? "Unauthorized" : "Forbidden", at, TOKEN_ENV,
                        token == null ? "none is set now" : "the one set was refused",
                        status == 401 ? "; the hub also answers 401 for repositories that do not exist" : ""));
                default -> {
                    String why = String.format("hub answered HTTP %d for %s", status, at);
                    if (Files.isRegularFile(part)) {
                        throw new DownloadInterruptedException(why + "; " + kept(), part);
                    }
                    throw new ModelDownloadException(why);
                }
            }
        }

        private Result copy(HttpResponse<InputStream> response, InputStream body, long offset,
                @Nullable String expectedByCaller) throws IOException {
            String expected = expectedByCaller != null ? expectedByCaller : announcedSha256(response).orElse(null);
            if (expected == null) {
                LOG.log(System.Logger.Level.DEBUG, "{0} announced no sha256 (no X-Linked-Etag and no sha256"
                        + " ETag); the download cannot be verified", url);
            }
            long total = totalSize(response, offset);
            MessageDigest digest = Sha256.newDigest();
            if (offset > 0) {
                Sha256.update(digest, part);
            }
            String label = repo + "/" + file;
            progress.start(label, offset, total);
            long bytes = offset;
            StandardOpenOption mode = offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            IdleWatch watch = new IdleWatch(idleTimeout, body);
            try (watch; OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, mode)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    watch.progressed();
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    bytes += n;
                    progress.advance(bytes);
                }
            } catch (IOException e) {
                String why = watch.fired() ? "no data for " + idleTimeout.toSeconds() + " s" : cause(e);
                throw new DownloadInterruptedException(String.format("download of %s stopped after %d of %s bytes"
                        + " (%s); %s", url, size(part), total < 0 ? "?" : total, why, kept()), part, e);
            }
            if (total >= 0 && bytes != total) {
                throw new DownloadInterruptedException(String.format("download of %s ended after %d of %d bytes; %s",
                        url, bytes, total, kept()), part);
            }
            progress.finish(bytes);
            String actual = Sha256.hex(digest);
            if (expected != null && !expected.equals(actual)) {
                deleteQuietly(part);
                throw new ChecksumMismatchException(String.format("sha256 mismatch for %s: expected %s (%s), got %s"
                        + " for the %d bytes received; the partial file %s was deleted", url, expected,
                        expectedByCaller != null ? "--sha256" : "announced by the hub", actual, bytes, part),
                        expected, actual);
            }
            return new Result(expected == null ? null : actual, offset);
        }

        private DownloadInterruptedException interrupted(IOException e) {
            return new DownloadInterruptedException("download of " + url + " failed (" + cause(e) + "); " + kept(), part,
                    e);
        }

        private String kept() {
            return Files.isRegularFile(part)
                    ? "the partial file " + part + " (" + size(part) + " bytes) is kept and the next pull resumes it"
                    : "nothing was kept";
        }
    }

    /**
     * Gives up a body that sends nothing for {@code timeout}: the JDK client's request timeout ends when the
     * headers arrive, so a stalled body would block its reader forever. A virtual thread watches the time
     * of the last read and closes the body, which ends the blocked read with an {@link IOException}.
     */
    private static final class IdleWatch implements AutoCloseable {
        private final long timeoutNanos;
        private final Ticker ticker = Ticker.systemTicker();
        private final AtomicLong last = new AtomicLong();
        private final AtomicBoolean fired = new AtomicBoolean();
        private final Thread watcher;

        IdleWatch(Duration timeout, InputStream body) {
            this.timeoutNanos = timeout.toNanos();
            last.set(ticker.read());
            this.watcher = Thread.ofVirtual().name("download-idle-watch").start(() -> {
                try {
                    while (true) {
                        long idle = ticker.read() - last.get();
                        if (idle >= timeoutNanos) {
                            fired.set(true);
                            body.close();
                            return;
                        }
                        TimeUnit.NANOSECONDS.sleep(timeoutNanos - idle);
                    }
                } catch (InterruptedException | IOException e) {
                    // closed: the download ended first, or closing the body failed, which ends it too
                }
            });
        }

        void progressed() {
            last.set(ticker.read());
        }

        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            watcher.interrupt();
        }
    }

    /** The sha256 from the hub: {@code X-Linked-Etag} anywhere in the redirect chain, else a sha256 ETag. */
    static Optional<String> announcedSha256(HttpResponse<?> response) {
        for (HttpResponse<?> r = response; r != null; r = r.previousResponse().orElse(null)) {
            Optional<String> linked = r.headers().firstValue("X-Linked-Etag").flatMap(Sha256::fromEtag);
            if (linked.isPresent()) {
                return linked;
            }
        }
        return response.headers().firstValue("ETag").flatMap(Sha256::fromEtag);
    }

    /** The whole file's size: Content-Length of a 200, the total of a 206's Content-Range; -1 if unknown. */
    private static long totalSize(HttpResponse<?> response, long offset) {
        if (response.statusCode() == 206) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            int slash = range.lastIndexOf('/');
            if (slash >= 0 && !range.endsWith("*")) {
                return Long.parseLong(range.substring(slash + 1).strip());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return length < 0 ? -1 : offset + length;
        }
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static boolean rangeStartsAt(HttpResponse<?> response, long offset) {
        String range = response.headers().firstValue("Content-Range").orElse("").strip();
        return range.startsWith("bytes " + offset + "-");
    }

    private static URI endpointFrom(Map<String, String> environment) {
        String value = environment.get(ENDPOINT_ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT_ENDPOINT;
        }
        try {
            return checkEndpoint(new URI(value.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT_ENV + " is not an http or https URL: '" + value + "'", e);
        }
    }

    private static URI checkEndpoint(URI endpoint) {
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a hub endpoint is an http or https URL: '" + endpoint + "'");
        }
        return endpoint;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + file, e);
        }
    }

    /**
     * Builder of a {@link HubDownloader}. Unless set here, the endpoint comes from {@code HF_ENDPOINT}
     * (else {@link #DEFAULT_ENDPOINT}) and the token from {@code HF_TOKEN} (else none), read from
     * {@link #environment(Map)}, which defaults to the process environment.
     */
    public static final class Builder {
        private final ModelCache cache;
        private @Nullable URI endpoint;
        private @Nullable String token;
        private Map<String, String> environment = System.getenv();
        private DownloadProgress progress = DownloadProgress.none();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder(ModelCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** The hub's base URL, e.g. {@code https://huggingface.co} or a mirror. */
        public Builder endpoint(URI v) {
            endpoint = checkEndpoint(Objects.requireNonNull(v, "endpoint"));
            return this;
        }

        /** An access token sent as {@code Authorization: Bearer}. */
        public Builder token(String v) {
            token = Objects.requireNonNull(v, "token");
            return this;
        }

        /** Where {@code HF_ENDPOINT} and {@code HF_TOKEN} are read from. */
        public Builder environment(Map<String, String> v) {
            environment = Map.copyOf(v);
            return this;
        }

        /** How long the body may send nothing before the download stops, keeping the part (default 60 s). */
        public Builder idleTimeout(Duration v) {
            Objects.requireNonNull(v, "idleTimeout");
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + v);
            }
            idleTimeout = v;
            return this;
        }

        /** The listener told about the bytes as they arrive. */
        public Builder progress(DownloadProgress v) {
            progress = Objects.requireNonNull(v, "progress");
            return this;
        }

        public HubDownloader build() {
            return new HubDownloader(this);
        }
    }
}
