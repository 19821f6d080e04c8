// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.RetriableEngineException;

/**
 * An encoder pool's queue is full: the request was not queued and may be retried later (HTTP 429). The
 * pool refuses work beyond its capacity instead of buffering it without bound.
 */
public final class OverloadedException extends RetriableEngineException {
    public OverloadedException(String pool, int queued, int asked, int capacity) {
        super(String.format("encoder pool %s is overloaded: %d texts queued, %d more asked, capacity %d; retry later",
                pool, queued, asked, capacity));
    }
}
