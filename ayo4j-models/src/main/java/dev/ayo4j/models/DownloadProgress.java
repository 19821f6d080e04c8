// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

/**
 * Listener for the bytes of one download, called by {@link HubDownloader} on the downloading thread:
 * {@link #start} once per HTTP response body, {@link #advance} as bytes arrive, and {@link #finish} when
 * the body is complete. A download that fails calls neither {@code finish} nor anything else afterwards.
 * Implementations must be cheap; they run inside the copy loop.
 */
public interface DownloadProgress {
    /**
     * A body starts.
     *
     * @param label  what is downloaded, e.g. {@code owner/repo/file}
     * @param offset bytes already on disk from an earlier attempt (0 unless resuming)
     * @param total  the whole file's size, or -1 when the server did not say
     */
    void start(String label, long offset, long total);

    /** {@code bytes} of the file (offset included) are now on disk. */
    void advance(long bytes);

    /** The body is complete with {@code bytes} of the file on disk. */
    void finish(long bytes);

    /** A listener that reports nothing. */
    static DownloadProgress none() {
        return Silent.INSTANCE;
    }
}

/** The silent listener. */
enum Silent implements DownloadProgress {
    INSTANCE;

    @Override
    public void start(String label, long offset, long total) {}

    @Override
    public void advance(long bytes) {}

    @Override
    public void finish(long bytes) {}
}
