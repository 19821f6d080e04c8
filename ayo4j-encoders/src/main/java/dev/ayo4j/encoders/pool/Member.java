// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import java.util.List;

/**
 * One worker of an {@link EncoderPool}: an in-process ONNX session or a remote TEI-compatible server.
 * The pool calls {@link #embed} from the member's own thread only, one batch at a time.
 */
interface Member extends AutoCloseable {
    /** Label for logs and errors. */
    String name();

    /**
     * Unit vectors of {@code texts} (already checked, possibly over the window: the member truncates), in
     * order. Throws {@link MemberFailedException} when the member is unreachable, times out or answers 5xx or
     * 429 (its batch is re-dispatched to another member); any other exception fails the batch's texts.
     */
    List<float[]> embed(List<String> texts);

    /** Whether the member answers now; a down member is probed with this before it takes work again. */
    boolean healthy();

    /** Whether calls block in native code, so the member's thread must be a platform thread. */
    boolean blocksInNative();

    @Override
    void close();
}
