// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

/** Exception for a hub answering 401 or 403: the file is gated or private and needs a token. */
public final class HubAccessDeniedException extends ModelDownloadException {
    public HubAccessDeniedException(String message) {
        super(message);
    }
}
