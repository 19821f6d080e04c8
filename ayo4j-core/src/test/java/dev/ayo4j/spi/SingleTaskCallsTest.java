// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleTaskCallsTest {
    /** An engine that records how many execute calls overlap and how many tasks each batch held. */
    private static final class CountingEngine implements Engine {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public EngineCapabilities capabilities() {
            return new EngineCapabilities(Set.of(Primitive.Embed.class), 8, 1024, 2);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            synchronized (batchSizes) {
                batchSizes.add(batch.size());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return batch.tasks().stream().map(t -> TaskResult.success(t.id().node(), 0, 0)).toList();
        }

        @Override
        public void close() {}
    }

    @Test
    void sendsBatchesOfOneAndNeverMoreCallsThanTheEngineAllows() throws Exception {
        CountingEngine engine = new CountingEngine();
        SingleTaskCalls calls = new SingleTaskCalls(engine);
        List<TaskResult> results = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TaskResult>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Task t = Task.of(new TaskId("q", "n" + i), new Primitive.Embed("counting", 1, 8), Map.of());
                futures.add(exec.submit(() -> calls.call(t)));
            }
            for (var f : futures) {
                results.add(f.get());
            }
        }
        assertThat(engine.mostRunning.get()).isBetween(1, 2);
        assertThat(engine.batchSizes).hasSize(12).containsOnly(1);
        assertThat(results).extracting(r -> ((TaskResult.Success) r).value())
                .containsExactly("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11");
    }
}
