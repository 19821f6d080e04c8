// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collector of the machine's CPU, memory and network counters from {@code /proc}, under the metric names of
 * Prometheus's node_exporter: {@code node_cpu_seconds_total{cpu,mode}}, {@code node_memory_<Field>_bytes},
 * {@code node_network_{receive,transmit}_{bytes,packets,errs,drop}_total{device}}, {@code
 * node_context_switches_total}, {@code node_procs_running} and {@code node_procs_blocked}.
 *
 * <p>The root is a parameter so that recorded {@code /proc} trees can be read in tests.
 */
public final class ProcCollector extends FileCollector {
    /** Clock ticks per second of {@code /proc/stat} ({@code USER_HZ}, 100 on every Linux architecture in use). */
    static final double USER_HZ = 100;
    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    private static final String[] NET_RX = {"bytes", "packets", "errs", "drop"};

    private final Path proc;

    /** Reads {@code proc}, normally {@code /proc}. */
    public ProcCollector(Path proc) {
        super("proc");
        this.proc = proc;
    }

    @Override
    @Nullable String read(List<Sample> out) throws IOException {
        stat(out);
        meminfo(out);
        netDev(out);
        return null;
    }

    @Override
    String what() {
        return proc.toString();
    }

    private void stat(List<Sample> out) throws IOException {
        for (String line : ProcFiles.lines(proc.resolve("stat"))) {
            String[] f = ProcFiles.fields(line);
            if (f[0].startsWith("cpu") && f[0].length() > 3) {
                String cpu = f[0].substring(3);
                for (int m = 0; m < CPU_MODES.length && m + 1 < f.length; m++) {
                    out.add(Sample.counter("node_cpu_seconds_total", Long.parseLong(f[m + 1]) / USER_HZ,
                            "cpu", cpu, "mode", CPU_MODES[m]));
                }
            } else if (f[0].equals("ctxt")) {
                out.add(Sample.counter("node_context_switches_total", Double.parseDouble(f[1])));
            } else if (f[0].equals("procs_running")) {
                out.add(Sample.gauge("node_procs_running", Double.parseDouble(f[1])));
            } else if (f[0].equals("procs_blocked")) {
                out.add(Sample.gauge("node_procs_blocked", Double.parseDouble(f[1])));
            }
        }
    }

    private void meminfo(List<Sample> out) throws IOException {
        for (String line : ProcFiles.lines(proc.resolve("meminfo"))) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            // node_exporter's names: "Active(anon)" becomes "Active_anon".
            String field = line.substring(0, colon).replace('(', '_').replace(")", "");
            String[] v = ProcFiles.fields(line.substring(colon + 1));
            double value = Double.parseDouble(v[0]) * (v.length > 1 && v[1].equals("kB") ? 1024 : 1);
            out.add(Sample.gauge("node_memory_" + field + (v.length > 1 ? "_bytes" : ""), value));
        }
    }

    private void netDev(List<Sample> out) throws IOException {
        for (String line : ProcFiles.lines(proc.resolve("net/dev"))) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.contains("|")) {
                continue;
            }
            String device = line.substring(0, colon).strip();
            String[] f = ProcFiles.fields(line.substring(colon + 1));
            for (int i = 0; i < NET_RX.length; i++) {
                out.add(Sample.counter("node_network_receive_" + NET_RX[i] + "_total", Double.parseDouble(f[i]),
                        "device", device));
                out.add(Sample.counter("node_network_transmit_" + NET_RX[i] + "_total", Double.parseDouble(f[8 + i]),
                        "device", device));
            }
        }
    }
}
