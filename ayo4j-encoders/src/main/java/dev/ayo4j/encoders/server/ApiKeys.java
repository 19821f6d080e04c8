// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bearer API keys an HTTP server accepts, and the rule for where it may listen without them. Servers
 * check each request with {@link #allows(String)} on its {@code Authorization} header, and check their
 * listen address once at start with {@link #checkListenAddress(String, ApiKeys, boolean)}.
 *
 * <p>Keys come from a file ({@link #fromFile}: one key per line; blank lines and lines starting with
 * {@code #} are ignored) or from the environment variable {@value #ENV} (comma-separated); {@link #load}
 * takes the file when one is given, else the variable. Each key must be at least
 * {@value #MIN_LENGTH} characters without white space. Only SHA-256 digests of the keys are kept, and a
 * presented key is compared with each in constant time. With no keys, every request is allowed: that is
 * safe only on a loopback address, which is what the listen-address check enforces.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiKeys {
    /** Environment variable holding comma-separated keys. */
    public static final String ENV = "AYO4J_API_KEYS";
    /** Shortest key accepted: a key is a secret, not a password to remember. */
    public static final int MIN_LENGTH = 16;
    private static final System.Logger LOG = System.getLogger(ApiKeys.class.getName());
    private static final String BEARER = "Bearer ";

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /** No keys: every request is allowed. */
    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    /** These keys; throws {@link IllegalArgumentException} naming the position of one that is too short. */
    public static ApiKeys of(Collection<String> keys) {
        List<byte[]> digests = new ArrayList<>();
        int i = 0;
        for (String key : keys) {
            i++;
            Objects.requireNonNull(key, "key");
            if (key.length() < MIN_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(String.format("API key %d is not a usable key: keys are at least %d"
                        + " characters without white space (e.g. openssl rand -hex 32)", i, MIN_LENGTH));
            }
            digests.add(sha256(key));
        }
        return new ApiKeys(digests);
    }

    /** The keys in {@code file}, one per line; {@code #} comments and blank lines are ignored. */
    public static ApiKeys fromFile(Path file) {
        try {
            List<String> keys = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the API key file " + file + " holds no key");
            }
            return of(keys);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the API key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The comma-separated keys of {@value #ENV} in {@code environment}; none when it is unset or blank. */
    public static ApiKeys fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENV);
        if (value == null || value.isBlank()) {
            return none();
        }
        return of(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** The keys of {@code file} when it is given, else those of {@value #ENV} in {@code environment}. */
    public static ApiKeys load(@Nullable Path file, Map<String, String> environment) {
        return file != null ? fromFile(file) : fromEnvironment(environment);
    }

    /** Whether any key is configured, i.e. whether requests must authenticate. */
    public boolean enabled() {
        return !digests.isEmpty();
    }

    /**
     * Whether a request with this {@code Authorization} header value (null when absent) may proceed: always
     * when no keys are configured, else only for {@code Bearer <key>} with one of the keys.
     */
    public boolean allows(@Nullable String authorizationHeader) {
        if (digests.isEmpty()) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorizationHeader.substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, presented);
        }
        return match;
    }

    /**
     * Refuses to listen on {@code host} when it is not a loopback address and there are no keys, unless
     * {@code insecure} (then it logs a warning): a server without keys on a reachable address serves anyone.
     *
     * @throws IllegalArgumentException naming the address and the ways out, or when {@code host} does not resolve
     */
    public static void checkListenAddress(String host, ApiKeys keys, boolean insecure) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ": unknown host", e);
        }
        if (address.isLoopbackAddress() || keys.enabled()) {
            return;
        }
        if (!insecure) {
            throw new IllegalArgumentException(String.format("refusing to listen on %s (%s), which is not a loopback"
                    + " address, without API keys: anyone who can reach it could use the server. Give keys with"
                    + " --api-keys FILE or %s, or pass --insecure to serve without them", host,
                    address.getHostAddress(), ENV));
        }
        LOG.log(System.Logger.Level.WARNING, "listening on {0} without API keys (--insecure): anyone who can reach"
                + " it can use the server", host);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys(" + digests.size() + " keys)";
    }
}
