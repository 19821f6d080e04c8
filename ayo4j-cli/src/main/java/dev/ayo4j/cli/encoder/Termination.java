// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for TERM or INT (Ctrl-C) without starting the JVM's shutdown, so that a server can drain while
 * its engines still work: ONNX Runtime closes its environment in a shutdown hook of its own, and a
 * session still running after that crashes the process. The caller drains, closes and returns; the
 * command's main then exits.
 */
final class Termination {
    private Termination() {}

    /** Blocks until the process receives TERM or INT; returns the signal's name. */
    static String await() throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        String[] name = new String[1];
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> {
                name[0] = s.getName();
                received.countDown();
            });
        }
        received.await();
        return name[0];
    }
}
