// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Exception for a download that stopped half way (connection lost, server error, short body); the bytes
 * received so far are kept in {@link #partFile()}, which the next pull of the same file resumes.
 */
public final class DownloadInterruptedException extends ModelDownloadException {
    private final Path partFile;

    public DownloadInterruptedException(String message, Path partFile, Throwable cause) {
        super(message, cause);
        this.partFile = Objects.requireNonNull(partFile, "partFile");
    }

    public DownloadInterruptedException(String message, Path partFile) {
        super(message);
        this.partFile = Objects.requireNonNull(partFile, "partFile");
    }

    /** The partial file left in the cache. */
    public Path partFile() {
        return partFile;
    }
}
