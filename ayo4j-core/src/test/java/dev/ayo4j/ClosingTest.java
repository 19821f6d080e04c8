// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClosingTest {
    @Test
    void closesEveryResourceInOrderAndSuppressesTheirFailuresUnderTheFirst() {
        List<String> closed = new ArrayList<>();
        IllegalStateException second = new IllegalStateException("b");
        Exception third = new Exception("c");
        List<AutoCloseable> opened = List.of(() -> closed.add("a"), () -> {
            closed.add("b");
            throw second;
        }, () -> {
            closed.add("c");
            throw third;
        }, () -> closed.add("d"));
        RuntimeException failure = new RuntimeException("start failed");

        assertThat(Closing.closeAll(failure, opened)).isSameAs(failure);
        assertThat(closed).containsExactly("a", "b", "c", "d");
        assertThat(failure.getSuppressed()).containsExactly(second, third);
    }

    @Test
    void anErrorWhileClosingPropagatesAndStopsTheRest() {
        List<String> closed = new ArrayList<>();
        OutOfMemoryError oom = new OutOfMemoryError("closing");
        List<AutoCloseable> opened = List.of(() -> {
            throw oom;
        }, () -> closed.add("b"));

        assertThatThrownBy(() -> Closing.closeAll(new RuntimeException("start failed"), opened)).isSameAs(oom);
        assertThat(closed).isEmpty();
    }

    @Test
    void shutdownWaitsForTheTasksTheExecutorHolds() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.set(true);
        });
        started.await();
        release.countDown();

        Closing.shutdownAndAwait(executor, Duration.ofDays(1));

        assertThat(executor.isTerminated()).isTrue();
        assertThat(ran).isTrue();
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.currentThread().interrupt();

        Closing.shutdownAndAwait(executor, Duration.ofDays(1));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.isTerminated()).isFalse();
        release.countDown();
        executor.close();
    }
}
