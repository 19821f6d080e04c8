// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.server.AppService.RunHandle;
import dev.ayo4j.api.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The most recent runs, in memory and bounded: the oldest is forgotten when a new one would exceed the
 * capacity. Serves {@code GET /v1/runs}, {@code GET /v1/runs/{id}} and its trace, and lets shutdown find
 * runs still going. Thread-safe.
 */
final class RunStore {
    /** Runs kept by default. */
    static final int DEFAULT_CAPACITY = 1_000;

    /**
     * One run: done once {@code outcome} or {@code error} is set.
     *
     * @param optimized     whether its graph was optimized (false: run as lowered)
     * @param createdMillis when it started, on the wall clock
     * @param endedMillis   when it ended, on the wall clock; 0 while it runs
     */
    record Entry(String id, String app, boolean optimized, long createdMillis, long endedMillis, RunHandle handle,
                 @Nullable Result outcome, @Nullable ApiException error) {
        String status() {
            return outcome != null ? "succeeded" : error != null ? "failed" : "running";
        }
    }

    private final int capacity;
    private final Map<String, Entry> runs;

    RunStore(int capacity) {
        this.capacity = capacity;
        this.runs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, RunStore.Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How many runs it keeps. */
    int capacity() {
        return capacity;
    }

    /** Records a started run and, when it ends, its outcome. */
    void started(String app, boolean optimized, RunHandle handle, String path) {
        synchronized (runs) {
            runs.put(handle.id(), new Entry(handle.id(), app, optimized, System.currentTimeMillis(), 0, handle, null,
                    null));
        }
        handle.outcome().whenComplete((o, t) -> {
            synchronized (runs) {
                Entry e = runs.get(handle.id());
                if (e != null) {
                    runs.put(e.id(), new Entry(e.id(), e.app(), e.optimized(), e.createdMillis(),
                            System.currentTimeMillis(), handle, o, t == null ? null : Errors.toApi(t, path)));
                }
            }
        });
    }

    /** The run called {@code id}; a 404 if it is unknown or forgotten. */
    Entry get(String id) {
        synchronized (runs) {
            Entry e = runs.get(id);
            if (e == null) {
                throw ApiException.notFound("run_not_found", "id", "no run '" + Names.abbreviate(id)
                        + "' among the recent runs");
            }
            return e;
        }
    }

    /** The {@code limit} most recent runs, newest first, those still going among them. */
    List<Entry> recent(int limit) {
        synchronized (runs) {
            List<Entry> all = new ArrayList<>(runs.values()).reversed();
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        }
    }

    /** Runs not yet done. */
    List<RunHandle> running() {
        synchronized (runs) {
            List<RunHandle> out = new ArrayList<>();
            for (Entry e : runs.values()) {
                if (e.status().equals("running")) {
                    out.add(e.handle());
                }
            }
            return out;
        }
    }
}
