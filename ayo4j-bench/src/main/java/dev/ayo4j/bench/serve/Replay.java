// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Ayo4jException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link ChatClient}: open-loop, each request sent at its trace instant on a virtual thread of
 * its own whether or not earlier ones have finished (so a slow server builds a queue, as under real
 * traffic); or one at a time, each sent when the one before has ended.
 */
final class Replay {
    private Replay() {}

    /** Request {@code i} asks {@code questions.get(i)} at {@code offsets.get(i)} from the start; blocks until all end. */
    static List<RequestOutcome> openLoop(ChatClient client, List<String> questions, List<Long> offsets) {
        if (questions.size() != offsets.size()) {
            throw new IllegalArgumentException("questions and arrivals differ in number: " + questions.size() + ", "
                    + offsets.size());
        }
        List<Future<RequestOutcome>> futures = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            for (int i = 0; i < questions.size(); i++) {
                long due = start + offsets.get(i);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                String q = questions.get(i);
                long at = offsets.get(i);
                futures.add(exec.submit(() -> client.ask(index, q, start, at)));
            }
            List<RequestOutcome> out = new ArrayList<>();
            for (Future<RequestOutcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new Ayo4jException("a request of the replay failed in the load generator: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ayo4jException("interrupted during the replay", e);
        }
    }

    /** Asks {@code questions} one after the other; each request's arrival is when the one before ended. */
    static List<RequestOutcome> oneAtATime(ChatClient client, List<String> questions) {
        List<RequestOutcome> out = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < questions.size(); i++) {
            out.add(client.ask(i, questions.get(i), start, System.nanoTime() - start));
        }
        return out;
    }
}
