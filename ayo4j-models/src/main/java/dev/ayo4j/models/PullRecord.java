// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a pulled file came from, stored by {@link ModelCache} beside the cache as JSON so that
 * {@code model list} can show it.
 *
 * @param repo         hub repository, {@code owner/name}
 * @param file         file path inside the repository
 * @param revision     the revision asked for (branch, tag or commit)
 * @param url          the URL it was downloaded from, before redirects
 * @param sha256       the verified sha256, or null when the hub announced none
 * @param bytes        file size
 * @param architecture GGUF architecture
 */
public record PullRecord(String repo, String file, String revision, String url, @Nullable String sha256,
        long bytes, String architecture) {
    public PullRecord {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(architecture, "architecture");
    }
}
