// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collector of the CPU time and memory of the cgroup a process runs in, from cgroup v2 ({@code cpu.stat},
 * {@code memory.current}, {@code memory.max}) or v1 ({@code cpuacct.usage}, {@code memory.usage_in_bytes},
 * {@code memory.limit_in_bytes}), under cAdvisor's names: {@code container_cpu_usage_seconds_total}, {@code
 * container_memory_usage_bytes} and {@code container_spec_memory_limit_bytes} (only when limited), labelled
 * {@code id} with the cgroup path.
 *
 * <p>Where v1 controllers are mounted (also on hybrid hosts) they are read; otherwise the unified v2
 * hierarchy. Inside a container the process's own cgroup is often mounted at the root of the hierarchy, so a
 * path that does not exist under the mount falls back to the mount itself.
 */
public final class CgroupCollector extends FileCollector {
    /** Limits at or above this are "no limit" (v1 writes a page-rounded {@code Long.MAX_VALUE}). */
    private static final double NO_LIMIT = 1L << 62;

    private final Path proc;
    private final Path cgroupRoot;
    private final String pid;

    /** Reads {@code proc/pid/cgroup} and the hierarchy mounted at {@code cgroupRoot} (normally {@code /sys/fs/cgroup}). */
    public CgroupCollector(Path proc, String pid, Path cgroupRoot) {
        super("cgroup");
        this.proc = proc;
        this.pid = pid;
        this.cgroupRoot = cgroupRoot;
    }

    @Override
    @Nullable String read(List<Sample> out) throws IOException {
        Map<String, String> v1 = new HashMap<>();
        String v2 = null;
        for (String line : ProcFiles.lines(proc.resolve(pid).resolve("cgroup"))) {
            String[] p = line.split(":", 3);
            if (p.length < 3) {
                continue;
            }
            if (p[0].equals("0") && p[1].isEmpty()) {
                v2 = p[2];
            } else {
                for (String controller : p[1].split(",")) {
                    v1.put(controller, p[2]);
                }
            }
        }
        if (v1.containsKey("cpuacct") || v1.containsKey("memory")) {
            readV1(v1, out);
        } else if (v2 != null) {
            readV2(v2, out);
        } else {
            return "no cgroup listed in " + proc.resolve(pid).resolve("cgroup");
        }
        return out.isEmpty() ? "no cgroup counters found under " + cgroupRoot : null;
    }

    @Override
    String what() {
        return "the cgroup";
    }

    private void readV1(Map<String, String> paths, List<Sample> out) throws IOException {
        String cpuPath = paths.get("cpuacct");
        if (cpuPath != null) {
            Path usage = find(List.of("cpuacct", "cpu,cpuacct", "cpuacct,cpu"), cpuPath, "cpuacct.usage");
            if (usage != null) {
                out.add(Sample.counter("container_cpu_usage_seconds_total", number(usage) / 1e9, "id", cpuPath));
            }
        }
        String memPath = paths.get("memory");
        if (memPath != null) {
            Path usage = find(List.of("memory"), memPath, "memory.usage_in_bytes");
            if (usage != null) {
                out.add(Sample.gauge("container_memory_usage_bytes", number(usage), "id", memPath));
                limit(usage.resolveSibling("memory.limit_in_bytes"), memPath, out);
            }
        }
    }

    private void readV2(String path, List<Sample> out) throws IOException {
        Path base = Files.exists(cgroupRoot.resolve("cgroup.controllers")) ? cgroupRoot : cgroupRoot.resolve("unified");
        Path dir = base.resolve(path.substring(1));
        if (!Files.exists(dir.resolve("cpu.stat"))) {
            dir = base;
        }
        if (Files.exists(dir.resolve("cpu.stat"))) {
            for (String line : ProcFiles.lines(dir.resolve("cpu.stat"))) {
                String[] f = ProcFiles.fields(line);
                if (f[0].equals("usage_usec")) {
                    out.add(Sample.counter("container_cpu_usage_seconds_total", Double.parseDouble(f[1]) / 1e6, "id", path));
                }
            }
        }
        if (Files.exists(dir.resolve("memory.current"))) {
            out.add(Sample.gauge("container_memory_usage_bytes", number(dir.resolve("memory.current")), "id", path));
            limit(dir.resolve("memory.max"), path, out);
        }
    }

    private void limit(Path file, String path, List<Sample> out) throws IOException {
        if (Files.exists(file)) {
            String text = ProcFiles.text(file);
            if (!text.equals("max") && Double.parseDouble(text) < NO_LIMIT) {
                out.add(Sample.gauge("container_spec_memory_limit_bytes", Double.parseDouble(text), "id", path));
            }
        }
    }

    /** The file {@code name} of the cgroup {@code path} under one of the mount directories, or {@code null}. */
    private Path find(List<String> mounts, String path, String name) {
        for (String m : mounts) {
            Path exact = cgroupRoot.resolve(m).resolve(path.substring(1)).resolve(name);
            if (Files.exists(exact)) {
                return exact;
            }
            Path root = cgroupRoot.resolve(m).resolve(name);
            if (Files.exists(root)) {
                return root;
            }
        }
        return null;
    }

    private static double number(Path p) throws IOException {
        return Double.parseDouble(ProcFiles.text(p));
    }
}
