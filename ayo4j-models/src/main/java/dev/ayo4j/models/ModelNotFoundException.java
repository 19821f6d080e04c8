// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

/** Exception for a hub answering 404: the repository, file or revision does not exist (or is private). */
public final class ModelNotFoundException extends ModelDownloadException {
    public ModelNotFoundException(String message) {
        super(message);
    }
}
