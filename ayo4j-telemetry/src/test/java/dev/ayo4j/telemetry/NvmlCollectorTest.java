// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static dev.ayo4j.telemetry.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.testkit.ManualTicker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NVML binding against a fake {@code libnvidia-ml.so.1} compiled here from {@code fake-nvml.c} with the
 * signatures of {@code nvml.h}; skipped, saying why, where no C compiler is installed.
 */
class NvmlCollectorTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryGpuFigureUnderDcgmNames() throws Exception {
        ManualTicker ticker = new ManualTicker();
        try (NvmlCollector c = new NvmlCollector(fakeLibrary().toString(), ticker)) {
            assertThat(c.status()).isNull();
            assertThat(c.gpus()).isEqualTo(2);
            List<Sample> first = c.collect();
            assertThat(value(first, "DCGM_FI_DEV_GPU_UTIL", "gpu", "0")).isEqualTo(40);
            assertThat(value(first, "DCGM_FI_DEV_GPU_UTIL", "gpu", "1", "UUID",
                    "GPU-11111111-1111-1111-1111-111111111111", "modelName", "NVIDIA H200")).isEqualTo(50);
            assertThat(value(first, "DCGM_FI_DEV_MEM_COPY_UTIL", "gpu", "0")).isEqualTo(25);
            assertThat(value(first, "DCGM_FI_DEV_FB_USED", "gpu", "0")).isEqualTo(10240);
            assertThat(value(first, "DCGM_FI_DEV_FB_TOTAL", "gpu", "0")).isCloseTo(143771.0, within(1.0));
            assertThat(value(first, "DCGM_FI_DEV_POWER_USAGE", "gpu", "0")).isEqualTo(250.5);
            assertThat(value(first, "DCGM_FI_DEV_GPU_TEMP", "gpu", "1")).isEqualTo(61);
            assertThat(value(first, "DCGM_FI_PROF_PCIE_TX_BYTES", "gpu", "0")).isEqualTo(2048 * 1024);
            assertThat(value(first, "DCGM_FI_PROF_PCIE_RX_BYTES", "gpu", "0")).isEqualTo(4096 * 1024);
            assertThat(first).as("a figure the GPU does not support is left out")
                    .noneMatch(s -> s.metric().startsWith("DCGM_FI_PROF_PCIE") && "1".equals(s.label("gpu")));
            assertThat(first).as("a rate needs two reads").noneMatch(s -> s.metric().contains("NVLINK"));
            double energy = value(first, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "gpu", "0");

            ticker.advance(Duration.ofMillis(500));
            List<Sample> second = c.collect();
            assertThat(value(second, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "gpu", "0")).isEqualTo(energy + 1000);
            // The fake's counters grow 1 MiB (TX) and 2 MiB (RX) per read: over 0.5 s that is 2 and 4 MiB/s.
            assertThat(value(second, "DCGM_FI_PROF_NVLINK_TX_BYTES", "gpu", "0")).isEqualTo(2.0 * 1048576);
            assertThat(value(second, "DCGM_FI_PROF_NVLINK_RX_BYTES", "gpu", "1")).isEqualTo(4.0 * 1048576);
        }
    }

    @Test
    void withoutTheLibrarySaysSoAndReadsNothing() {
        try (NvmlCollector c = new NvmlCollector(dir.resolve("libnvidia-ml.so.1").toString(), new ManualTicker())) {
            assertThat(c.status()).startsWith("no GPU metrics: cannot load");
            assertThat(c.collect()).isEmpty();
        }
    }

    private Path fakeLibrary() throws IOException, InterruptedException {
        Path compiler = java.util.stream.Stream.of("cc", "gcc", "clang").map(NvmlCollectorTest::onPath).filter(p -> p != null)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(compiler != null, "no C compiler (cc, gcc, clang) on PATH to build the fake NVML");
        Path source = dir.resolve("fake-nvml.c");
        try (var in = NvmlCollectorTest.class.getResourceAsStream("fake-nvml.c")) {
            Files.copy(in, source);
        }
        Path lib = dir.resolve("libnvidia-ml.so.1");
        Process p = new ProcessBuilder(compiler.toString(), "-shared", "-fPIC", "-o", lib.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return lib;
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
