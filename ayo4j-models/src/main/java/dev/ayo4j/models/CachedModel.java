// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file in a {@link ModelCache}.
 *
 * @param kind  how it got there
 * @param name  its name relative to the cache: {@code owner/repo/file} for pulled and partial files
 *              (without the {@code .part} suffix), {@code synthetic/file} for synthetic ones
 * @param path  the file on disk (the {@code .part} file for a partial download)
 * @param bytes its size
 */
public record CachedModel(Kind kind, String name, Path path, long bytes) {
    /** How a file got into the cache. */
    public enum Kind {
        /** Downloaded completely and verified by {@link HubDownloader}. */
        PULLED,
        /** A download that stopped half way; the next pull of the same file resumes it. */
        PARTIAL,
        /** Written on this machine by {@link SyntheticModel}; its text output is meaningless or fixed. */
        SYNTHETIC
    }

    public CachedModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
