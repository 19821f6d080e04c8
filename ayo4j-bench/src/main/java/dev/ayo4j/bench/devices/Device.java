// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One modeled device: work that needs the whole device (a prefill, an encoder's call) runs alone, while
 * the decode steps of generations in flight share it, as a GPU batches them at about the cost of one.
 * Time passes through a {@link Sleeper}. Thread-safe; waiting is fair.
 */
final class Device {
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Sleeper sleeper;

    Device(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** Holds the whole device for {@code nanos}. */
    void exclusive(long nanos) throws InterruptedException {
        lock.writeLock().lockInterruptibly();
        try {
            sleeper.sleep(nanos);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Shares the device with other shared work for {@code nanos}. */
    void shared(long nanos) throws InterruptedException {
        lock.readLock().lockInterruptibly();
        try {
            sleeper.sleep(nanos);
        } finally {
            lock.readLock().unlock();
        }
    }
}
