// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Objects;

/**
 * Completion signal with a small status: an index is ready, a prompt prefix is warm.
 *
 * @param ok     whether the work behind the signal succeeded; a failed warm-up is not an error, the
 *               consumer just falls back (e.g. prefills the whole prompt)
 * @param detail a short human-readable note
 */
public record Signal(boolean ok, String detail) {
    public Signal {
        Objects.requireNonNull(detail, "detail");
    }

    public static Signal done(String detail) {
        return new Signal(true, detail);
    }

    public static Signal failed(String detail) {
        return new Signal(false, detail);
    }
}
