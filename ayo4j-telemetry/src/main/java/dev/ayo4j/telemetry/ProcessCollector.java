// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collector of one process's CPU time and memory from {@code /proc/<pid>}, under Prometheus client names:
 * {@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}, {@code
 * process_virtual_memory_bytes} and {@code process_threads}.
 */
public final class ProcessCollector extends FileCollector {
    private final Path dir;

    /** Reads {@code proc/pid}, e.g. {@code /proc/self}. */
    public ProcessCollector(Path proc, String pid) {
        super("proc");
        this.dir = proc.resolve(pid);
    }

    @Override
    @Nullable String read(List<Sample> out) throws IOException {
        String stat = ProcFiles.text(dir.resolve("stat"));
        // Fields after the command, which may hold spaces and parentheses: state is field 3, utime 14, stime 15.
        String[] f = ProcFiles.fields(stat.substring(stat.lastIndexOf(')') + 1));
        double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        out.add(Sample.counter("process_cpu_seconds_total", ticks / ProcCollector.USER_HZ));
        for (String line : ProcFiles.lines(dir.resolve("status"))) {
            String[] s = ProcFiles.fields(line);
            switch (s[0]) {
                case "VmRSS:" -> out.add(Sample.gauge("process_resident_memory_bytes", Double.parseDouble(s[1]) * 1024));
                case "VmSize:" -> out.add(Sample.gauge("process_virtual_memory_bytes", Double.parseDouble(s[1]) * 1024));
                case "Threads:" -> out.add(Sample.gauge("process_threads", Double.parseDouble(s[1])));
                default -> { }
            }
        }
        return null;
    }

    @Override
    String what() {
        return dir.toString();
    }
}
