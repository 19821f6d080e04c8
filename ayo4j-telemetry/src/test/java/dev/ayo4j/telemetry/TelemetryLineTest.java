// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryLineTest {
    @Test
    void printsCpuMemoryNetworkProcessAndGpuFromTwoRounds() {
        Snapshot before = new Snapshot(Instant.parse("2026-12-03T14:03:06Z"), 0, Map.of("proc", List.of(
                Sample.counter("node_cpu_seconds_total", 10, "cpu", "0", "mode", "user"),
                Sample.counter("node_cpu_seconds_total", 10, "cpu", "0", "mode", "idle"),
                Sample.counter("node_network_receive_bytes_total", 0, "device", "eth0"),
                Sample.counter("node_network_transmit_bytes_total", 0, "device", "eth0"),
                Sample.counter("node_network_receive_bytes_total", 0, "device", "lo"),
                Sample.counter("process_cpu_seconds_total", 1))));
        Snapshot now = new Snapshot(Instant.parse("2026-12-03T14:03:08Z"), 2_000_000_000L, Map.of("proc", List.of(
                Sample.counter("node_cpu_seconds_total", 11.5, "cpu", "0", "mode", "user"),
                Sample.counter("node_cpu_seconds_total", 10.5, "cpu", "0", "mode", "idle"),
                Sample.counter("node_network_receive_bytes_total", 4e6, "device", "eth0"),
                Sample.counter("node_network_transmit_bytes_total", 2e3, "device", "eth0"),
                Sample.counter("node_network_receive_bytes_total", 9e9, "device", "lo"),
                Sample.gauge("node_memory_MemTotal_bytes", 16L << 30),
                Sample.gauge("node_memory_MemAvailable_bytes", 12L << 30),
                Sample.counter("process_cpu_seconds_total", 1.02),
                Sample.gauge("process_resident_memory_bytes", 80 << 20)),
                "nvml", List.of(Sample.gauge("DCGM_FI_DEV_GPU_UTIL", 50, "gpu", "0"),
                        Sample.gauge("DCGM_FI_DEV_FB_USED", 10240, "gpu", "0"),
                        Sample.gauge("DCGM_FI_DEV_FB_TOTAL", 81920, "gpu", "0"),
                        Sample.gauge("DCGM_FI_DEV_POWER_USAGE", 250, "gpu", "0"),
                        Sample.gauge("DCGM_FI_DEV_GPU_TEMP", 61, "gpu", "0"))));
        assertThat(TelemetryLine.format(before, now)).isEqualTo("14:03:08 cpu 75.0% (user 75.0 system 0.0 iowait 0.0)"
                + " mem 4.0/16.0 GiB net eth0 rx 2.0 MB/s tx 1.0 kB/s proc 1.0% 80 MiB gpu0 50% 10.0/80.0 GiB 250 W 61 C");
        assertThat(TelemetryLine.format(null, now)).isEqualTo("14:03:08 mem 4.0/16.0 GiB gpu0 50% 10.0/80.0 GiB 250 W 61 C");
    }
}
