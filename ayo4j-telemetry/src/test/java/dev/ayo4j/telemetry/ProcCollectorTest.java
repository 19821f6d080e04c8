// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static dev.ayo4j.telemetry.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCollectorTest {
    @Test
    void readsCpuMemoryAndEveryInterfaceOfARecordedMachine() {
        ProcCollector c = new ProcCollector(Fixtures.dir("proc-multi-nic"));
        List<Sample> s = c.collect();
        assertThat(c.status()).isNull();
        assertThat(s).filteredOn(x -> x.metric().equals("node_cpu_seconds_total")).hasSize(4 * 8)
                .allMatch(x -> x.type() == Sample.Type.COUNTER);
        assertThat(value(s, "node_cpu_seconds_total", "cpu", "0", "mode", "user")).isCloseTo(13.93, within(1e-9));
        assertThat(value(s, "node_cpu_seconds_total", "cpu", "3", "mode", "idle")).isCloseTo(40.44, within(1e-9));
        assertThat(value(s, "node_memory_MemTotal_bytes")).isEqualTo(65852128.0 * 1024);
        assertThat(value(s, "node_memory_Active_anon_bytes")).isEqualTo(11205132.0 * 1024);
        assertThat(value(s, "node_memory_HugePages_Total")).isZero();
        assertThat(s).filteredOn(x -> x.metric().equals("node_network_receive_bytes_total"))
                .extracting(x -> x.label("device")).containsExactly("lo", "eth0", "eth1", "ib0", "docker0");
        assertThat(value(s, "node_network_receive_bytes_total", "device", "eth1")).isEqualTo(12884901888.0);
        assertThat(value(s, "node_network_transmit_bytes_total", "device", "ib0")).isEqualTo(7312312093.0);
        assertThat(value(s, "node_network_receive_drop_total", "device", "eth0")).isEqualTo(12);
        assertThat(value(s, "node_network_receive_errs_total", "device", "eth1")).isEqualTo(3);
        assertThat(value(s, "node_context_switches_total")).isEqualTo(2591370);
        assertThat(value(s, "node_procs_running")).isEqualTo(3);
    }

    @Test
    void readsThisMachine() {
        ProcCollector c = new ProcCollector(Path.of("/proc"));
        List<Sample> s = c.collect();
        assertThat(c.status()).isNull();
        assertThat(s).filteredOn(x -> x.metric().equals("node_cpu_seconds_total")).isNotEmpty()
                .allMatch(x -> x.value() >= 0);
        assertThat(value(s, "node_memory_MemTotal_bytes")).isPositive();
        assertThat(value(s, "node_network_receive_bytes_total", "device", "lo")).isNotNegative();
    }

    @Test
    void saysWhyWhenTheFilesAreMissing() {
        ProcCollector c = new ProcCollector(Path.of("/no/such/proc"));
        assertThat(c.collect()).isEmpty();
        assertThat(c.status()).contains("/no/such/proc");
    }

    @Test
    void eachCollectorNamesItsSourceAndWhatItCannotRead() {
        Path none = Path.of("/no/such/proc");
        ProcessCollector process = new ProcessCollector(none, "1");
        CgroupCollector cgroup = new CgroupCollector(none, "self", Path.of("/no/such/cgroup"));
        assertThat(process.collect()).isEmpty();
        assertThat(cgroup.collect()).isEmpty();
        assertThat(process.status()).startsWith("cannot read " + none.resolve("1") + ": ");
        assertThat(cgroup.status()).startsWith("cannot read the cgroup: ");
        assertThat(List.of(new ProcCollector(none).source(), process.source(), cgroup.source()))
                .containsExactly("proc", "proc", "cgroup");
    }

    @Test
    void aRoundThatReadsClearsTheLastFailure(@TempDir Path proc) throws IOException {
        ProcessCollector c = new ProcessCollector(proc, "1234");
        assertThat(c.collect()).isEmpty();
        assertThat(c.status()).startsWith("cannot read ");
        Path recorded = Fixtures.dir("proc-multi-nic").resolve("1234");
        Files.createDirectories(proc.resolve("1234"));
        for (String f : List.of("stat", "status")) {
            Files.copy(recorded.resolve(f), proc.resolve("1234").resolve(f));
        }
        assertThat(value(c.collect(), "process_threads")).isEqualTo(61);
        assertThat(c.status()).isNull();
    }

    @Test
    void readsAProcessAndItsCgroup() {
        Path proc = Fixtures.dir("proc-multi-nic");
        List<Sample> p = new ProcessCollector(proc, "1234").collect();
        assertThat(value(p, "process_cpu_seconds_total")).isCloseTo(17.20, within(1e-9));
        assertThat(value(p, "process_resident_memory_bytes")).isEqualTo(212992.0 * 1024);
        assertThat(value(p, "process_threads")).isEqualTo(61);
        List<Sample> self = new ProcessCollector(Path.of("/proc"), "self").collect();
        assertThat(value(self, "process_cpu_seconds_total")).isPositive();
        assertThat(value(self, "process_resident_memory_bytes")).isPositive();
    }

    @Test
    void readsCgroupV2WithItsLimit() {
        Path root = Fixtures.dir("cgroup-v2");
        CgroupCollector c = new CgroupCollector(root.resolve("proc"), "self", root.resolve("sys"));
        List<Sample> s = c.collect();
        assertThat(c.status()).isNull();
        assertThat(value(s, "container_cpu_usage_seconds_total", "id", "/kubepods.slice/pod1")).isCloseTo(81.234567,
                within(1e-9));
        assertThat(value(s, "container_memory_usage_bytes")).isEqualTo(2147483648.0);
        assertThat(value(s, "container_spec_memory_limit_bytes")).isEqualTo(8589934592.0);
    }

    @Test
    void readsCgroupV1AndLeavesOutNoLimit() {
        Path root = Fixtures.dir("cgroup-v1");
        CgroupCollector c = new CgroupCollector(root.resolve("proc"), "self", root.resolve("sys"));
        List<Sample> s = c.collect();
        assertThat(value(s, "container_cpu_usage_seconds_total", "id", "/docker/abc")).isCloseTo(932.108765432,
                within(1e-9));
        assertThat(value(s, "container_memory_usage_bytes")).isEqualTo(1073741824.0);
        assertThat(s).noneMatch(x -> x.metric().equals("container_spec_memory_limit_bytes"));
    }

    @Test
    void readsThisProcessesCgroupWhereThereIsOne() {
        CgroupCollector c = new CgroupCollector(Path.of("/proc"), "self", Path.of("/sys/fs/cgroup"));
        List<Sample> s = c.collect();
        org.junit.jupiter.api.Assumptions.assumeTrue(c.status() == null, () -> "no cgroup here: " + c.status());
        assertThat(s).anyMatch(x -> x.metric().startsWith("container_")).allMatch(x -> x.value() >= 0);
    }
}
