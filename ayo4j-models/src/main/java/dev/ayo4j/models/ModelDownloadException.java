// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.Ayo4jException;

/**
 * Exception for a model download that did not produce a verified file in the cache; the message names
 * the URL and what went wrong. The subclasses tell apart the cases a caller may act on.
 */
public sealed class ModelDownloadException extends Ayo4jException
        permits ModelNotFoundException, HubAccessDeniedException, ChecksumMismatchException,
        DownloadInterruptedException {
    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
