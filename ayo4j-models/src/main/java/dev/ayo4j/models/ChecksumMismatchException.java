// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.util.Objects;

/**
 * Exception for downloaded bytes whose sha256 differs from the one the hub (or the user) announced; the
 * partial file has been deleted, so the next pull starts over.
 */
public final class ChecksumMismatchException extends ModelDownloadException {
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String message, String expected, String actual) {
        super(message);
        this.expected = Objects.requireNonNull(expected, "expected");
        this.actual = Objects.requireNonNull(actual, "actual");
    }

    /** The announced sha256, lower-case hex. */
    public String expected() {
        return expected;
    }

    /** The sha256 of the bytes received, lower-case hex. */
    public String actual() {
        return actual;
    }
}
