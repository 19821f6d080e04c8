// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import dev.ayo4j.spi.Ticker;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Collector of NVIDIA GPUs through NVML, named as NVIDIA's DCGM exporter names the same figures and labelled
 * {@code gpu}, {@code UUID} and {@code modelName} as it does: {@code DCGM_FI_DEV_GPU_UTIL} and {@code
 * DCGM_FI_DEV_MEM_COPY_UTIL} (percent), {@code DCGM_FI_DEV_FB_USED}, {@code DCGM_FI_DEV_FB_FREE} and {@code
 * DCGM_FI_DEV_FB_TOTAL} (MiB), {@code DCGM_FI_DEV_POWER_USAGE} (W), {@code
 * DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (mJ, counter), {@code DCGM_FI_DEV_GPU_TEMP} (C), {@code
 * DCGM_FI_PROF_PCIE_TX_BYTES}/{@code _RX_BYTES} and {@code DCGM_FI_PROF_NVLINK_TX_BYTES}/{@code _RX_BYTES}
 * (bytes per second; NVLink from NVML's cumulative counters, as the rate between two reads, from the second
 * read on).
 *
 * <p>Without the library (no driver, no GPU) it reads nothing and {@link #status()} says so; a figure a GPU
 * does not support is left out.
 */
public final class NvmlCollector implements Collector {
    private final Ticker ticker;
    private final Nvml nvml;
    private final String status;
    private final List<Gpu> gpus = new ArrayList<>();
    private final Map<String, long[]> previous = new HashMap<>();

    /** NVML from the dynamic linker's search path ({@code libnvidia-ml.so.1}). */
    public NvmlCollector(Ticker ticker) {
        this(Nvml.LIBRARY, ticker);
    }

    /** NVML from {@code library}, a name or a path (tests give a fake library's path). */
    public NvmlCollector(String library, Ticker ticker) {
        this.ticker = ticker;
        Nvml loaded = null;
        String why = null;
        try {
            loaded = Nvml.load(library);
            int n = loaded.deviceCount();
            for (int i = 0; i < n; i++) {
                MemorySegment d = loaded.device(i);
                gpus.add(new Gpu(i, d, loaded.uuid(d), loaded.name(d)));
            }
            if (n == 0) {
                why = "NVML found no GPU";
            }
        } catch (Nvml.NvmlException e) {
            why = "no GPU metrics: " + e.getMessage();
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        }
        this.nvml = loaded;
        this.status = why;
    }

    @Override
    public String source() {
        return "nvml";
    }

    /** GPUs found. */
    public int gpus() {
        return gpus.size();
    }

    @Override
    public List<Sample> collect() {
        List<Sample> out = new ArrayList<>();
        if (nvml == null) {
            return out;
        }
        long now = ticker.read();
        for (Gpu g : gpus) {
            String[] labels = {"gpu", Integer.toString(g.index()), "UUID", g.uuid(), "modelName", g.model()};
            int[] util = nvml.utilization(g.device());
            if (util != null) {
                out.add(Sample.gauge("DCGM_FI_DEV_GPU_UTIL", util[0], labels));
                out.add(Sample.gauge("DCGM_FI_DEV_MEM_COPY_UTIL", util[1], labels));
            }
            long[] mem = nvml.memory(g.device());
            if (mem != null) {
                out.add(Sample.gauge("DCGM_FI_DEV_FB_TOTAL", mem[0] / 1048576.0, labels));
                out.add(Sample.gauge("DCGM_FI_DEV_FB_FREE", mem[1] / 1048576.0, labels));
                out.add(Sample.gauge("DCGM_FI_DEV_FB_USED", mem[2] / 1048576.0, labels));
            }
            nvml.powerMilliwatts(g.device()).ifPresent(mw -> out.add(Sample.gauge("DCGM_FI_DEV_POWER_USAGE", mw / 1000.0, labels)));
            nvml.energyMillijoules(g.device()).ifPresent(mj -> out.add(
                    Sample.counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", mj, labels)));
            nvml.temperatureC(g.device()).ifPresent(c -> out.add(Sample.gauge("DCGM_FI_DEV_GPU_TEMP", c, labels)));
            pcie(g, Nvml.PCIE_TX, "DCGM_FI_PROF_PCIE_TX_BYTES", labels, out);
            pcie(g, Nvml.PCIE_RX, "DCGM_FI_PROF_PCIE_RX_BYTES", labels, out);
            nvlink(g, Nvml.FI_NVLINK_THROUGHPUT_DATA_TX, "DCGM_FI_PROF_NVLINK_TX_BYTES", now, labels, out);
            nvlink(g, Nvml.FI_NVLINK_THROUGHPUT_DATA_RX, "DCGM_FI_PROF_NVLINK_RX_BYTES", now, labels, out);
        }
        return out;
    }

    private void pcie(Gpu g, int counter, String metric, String[] labels, List<Sample> out) {
        OptionalLong kbs = nvml.pcieKilobytesPerSecond(g.device(), counter);
        kbs.ifPresent(v -> out.add(Sample.gauge(metric, v * 1024.0, labels)));
    }

    /** The rate of a cumulative KiB counter since the previous read. */
    private void nvlink(Gpu g, int field, String metric, long now, String[] labels, List<Sample> out) {
        OptionalDouble kib = nvml.field(g.device(), field, Nvml.SCOPE_ALL);
        if (kib.isEmpty()) {
            return;
        }
        String key = g.index() + "/" + field;
        long[] last = previous.put(key, new long[] {(long) kib.getAsDouble(), now});
        if (last != null && now > last[1]) {
            double bytes = (kib.getAsDouble() - last[0]) * 1024;
            out.add(Sample.gauge(metric, Math.max(0, bytes) / ((now - last[1]) / 1e9), labels));
        }
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void close() {
        if (nvml != null) {
            nvml.close();
        }
    }

    private record Gpu(int index, MemorySegment device, String uuid, String model) {}
}
