// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** SHA-256 helpers: digests, hex, and hub ETag parsing. */
final class Sha256 {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Feeds the whole of {@code file} into {@code digest}. */
    static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The sha256 in an ETag-like header value ({@code "abc…"}, {@code W/"abc…"} or bare), or empty when
     * it is not 64 hex digits (a git blob id has 40).
     */
    static Optional<String> fromEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        value = value.toLowerCase(Locale.ROOT);
        return HEX64.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** {@code value} in lower case if it is a sha256 in hex, else an {@link IllegalArgumentException}. */
    static String requireHex(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(lower).matches()) {
            throw new IllegalArgumentException("a sha256 is 64 hexadecimal digits: '" + value + "'");
        }
        return lower;
    }
}
