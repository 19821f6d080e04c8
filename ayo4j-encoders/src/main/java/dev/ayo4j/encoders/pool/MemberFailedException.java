// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.RetriableEngineException;

/** A pool member could not serve a batch (down, hung past its timeout, 5xx, 429): the batch goes elsewhere. */
final class MemberFailedException extends RetriableEngineException {
    MemberFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
