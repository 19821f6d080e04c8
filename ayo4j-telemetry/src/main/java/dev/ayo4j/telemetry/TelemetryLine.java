// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One short readable line of a sampling round against the one before: CPU busy share and its split, memory
 * in use, network rates per interface (loopback left out), this process's CPU share and memory, and per GPU
 * utilization, memory, power and temperature.
 *
 * <p>{@code 14:03:07 cpu 23.4% (user 20.1 system 3.0 iowait 0.3) mem 5.2/23.4 GiB net eth0 rx 1.2 MB/s tx 0.1 MB/s
 * proc 0.4% 81 MiB gpu0 50% 10.0/80.0 GiB 250 W 61 C}
 */
public final class TelemetryLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final double GIB = 1024.0 * 1024 * 1024;

    private TelemetryLine() {
    }

    /** The line for {@code now}, with rates since {@code before} (figures that need a rate are left out when it is null). */
    public static String format(Snapshot before, Snapshot now) {
        StringBuilder b = new StringBuilder(TIME.format(now.at()));
        double seconds = before == null ? 0 : (now.tickerNanos() - before.tickerNanos()) / 1e9;
        if (seconds > 0) {
            Map<String, Double> d = new TreeMap<>();
            double total = 0;
            for (Sample s : now.of("node_cpu_seconds_total")) {
                double delta = s.value() - value(before, s);
                d.merge(s.label("mode"), delta, Double::sum);
                total += delta;
            }
            if (total > 0) {
                double idle = d.getOrDefault("idle", 0.0);
                b.append(String.format(Locale.ROOT, " cpu %.1f%% (user %.1f system %.1f iowait %.1f)",
                        100 * (total - idle) / total, 100 * d.getOrDefault("user", 0.0) / total,
                        100 * d.getOrDefault("system", 0.0) / total, 100 * d.getOrDefault("iowait", 0.0) / total));
            }
        }
        double memTotal = first(now, "node_memory_MemTotal_bytes");
        double memAvailable = first(now, "node_memory_MemAvailable_bytes");
        if (memTotal > 0) {
            b.append(String.format(Locale.ROOT, " mem %.1f/%.1f GiB", (memTotal - memAvailable) / GIB, memTotal / GIB));
        }
        if (seconds > 0) {
            StringBuilder net = new StringBuilder();
            for (Sample rx : now.of("node_network_receive_bytes_total")) {
                String dev = rx.label("device");
                Sample tx = now.of("node_network_transmit_bytes_total").stream()
                        .filter(s -> dev.equals(s.label("device"))).findFirst().orElse(rx);
                if (dev.equals("lo") || rx.value() + tx.value() == 0) {
                    continue;
                }
                net.append(String.format(Locale.ROOT, " %s rx %s tx %s", dev,
                        rate((rx.value() - value(before, rx)) / seconds), rate((tx.value() - value(before, tx)) / seconds)));
            }
            if (!net.isEmpty()) {
                b.append(" net").append(net);
            }
            double cpu = first(now, "process_cpu_seconds_total") - first(before, "process_cpu_seconds_total");
            b.append(String.format(Locale.ROOT, " proc %.1f%% %.0f MiB", 100 * cpu / seconds,
                    first(now, "process_resident_memory_bytes") / (1024 * 1024)));
        }
        for (Sample u : now.of("DCGM_FI_DEV_GPU_UTIL")) {
            String gpu = u.label("gpu");
            b.append(String.format(Locale.ROOT, " gpu%s %.0f%% %.1f/%.1f GiB %.0f W %.0f C", gpu, u.value(),
                    gpuValue(now, "DCGM_FI_DEV_FB_USED", gpu) / 1024, gpuValue(now, "DCGM_FI_DEV_FB_TOTAL", gpu) / 1024,
                    gpuValue(now, "DCGM_FI_DEV_POWER_USAGE", gpu), gpuValue(now, "DCGM_FI_DEV_GPU_TEMP", gpu)));
        }
        return b.toString();
    }

    private static String rate(double bytesPerSecond) {
        if (bytesPerSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kB/s", bytesPerSecond / 1e3);
    }

    private static double value(Snapshot s, Sample like) {
        return s.of(like.metric()).stream().filter(x -> x.labels().equals(like.labels())).mapToDouble(Sample::value)
                .findFirst().orElse(like.value());
    }

    private static double first(Snapshot s, String metric) {
        return s.of(metric).stream().mapToDouble(Sample::value).findFirst().orElse(0);
    }

    private static double gpuValue(Snapshot s, String metric, String gpu) {
        return s.of(metric).stream().filter(x -> gpu.equals(x.label("gpu"))).mapToDouble(Sample::value).findFirst()
                .orElse(Double.NaN);
    }
}
