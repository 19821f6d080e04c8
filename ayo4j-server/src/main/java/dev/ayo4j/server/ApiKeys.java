package dev.ayo4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bearer keys a server accepts: from a file (one key a line; blank lines and {@code #} comments
 * ignored) and from the environment variable {@value #ENV} (comma-separated). No keys means no
 * authentication, which the server allows only on a loopback address unless told otherwise.
 * Keys are compared in constant time.
 */
public final class ApiKeys {
    /** Environment variable of comma-separated keys. */
    public static final String ENV = "AYO4J_API_KEYS";
    /** No keys: every request is let in. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<byte[]> keys;

    private ApiKeys(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Exactly these keys. */
    public static ApiKeys of(List<String> keys) {
        for (String k : keys) {
            if (k.isBlank() || k.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("an API key must be non-empty and hold no whitespace");
            }
        }
        return new ApiKeys(List.copyOf(keys));
    }

    /** The keys of {@code file} (if given) and of {@value #ENV} in {@code env}. */
    public static ApiKeys load(@Nullable Path file, Map<String, String> env) {
        List<String> keys = new ArrayList<>();
        if (file != null) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String k = line.strip();
                    if (!k.isEmpty() && !k.startsWith("#")) {
                        keys.add(k);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API key file " + file + ": " + e.getMessage(), e);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the API key file " + file + " holds no key");
            }
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            for (String k : fromEnv.split(",")) {
                if (!k.isBlank()) {
                    keys.add(k.strip());
                }
            }
        }
        return of(keys);
    }

    /** Whether any key is configured. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** Whether {@code authorization} (the header's value, or null) carries a known bearer key. */
    public boolean accepts(@Nullable String authorization) {
        if (!enabled()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] k : keys) {
            ok |= MessageDigest.isEqual(k, given);
        }
        return ok;
    }

    @Override
    public String toString() {
        return "ApiKeys[" + keys.size() + " key(s)]";
    }
}
