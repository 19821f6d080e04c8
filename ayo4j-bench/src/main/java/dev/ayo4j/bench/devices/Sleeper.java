// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import java.util.concurrent.TimeUnit;

/** How a modeled device lets its work's time pass: really, or (in tests) by recording it. */
@FunctionalInterface
public interface Sleeper {
    /** Real time: the calling thread sleeps. */
    Sleeper REAL = nanos -> {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    /** Lets {@code nanos} pass. */
    void sleep(long nanos) throws InterruptedException;
}
