// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@link HubDownloader#pull}: a verified GGUF file in the cache.
 *
 * @param path           the file in the cache
 * @param url            the hub URL it came from, before redirects
 * @param info           what its GGUF header says
 * @param verifiedSha256 the sha256 the bytes were checked against, or null when neither the hub nor the
 *                       caller gave one (or the file was already cached)
 * @param resumedFrom    bytes reused from an earlier partial download (0 for a fresh download)
 * @param alreadyCached  true when the file was in the cache and nothing was downloaded
 */
public record PulledModel(Path path, String url, ModelInfo info, @Nullable String verifiedSha256, long resumedFrom,
        boolean alreadyCached) {
    public PulledModel {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(info, "info");
    }
}
