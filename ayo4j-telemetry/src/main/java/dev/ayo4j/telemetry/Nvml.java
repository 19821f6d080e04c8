// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Binding of the few NVML functions the GPU collector reads, through the foreign-function API: no JNI, no
 * dependency, only {@code libnvidia-ml.so.1} at run time. Signatures are those of {@code nvml.h}; every call
 * returns an {@code nvmlReturn_t}, 0 on success. A value a device does not support reads as empty.
 *
 * <p>Not thread-safe: the collector calls it from its one sampling thread.
 */
final class Nvml implements AutoCloseable {
    /** The library's name, found by the dynamic linker's search path. */
    static final String LIBRARY = "libnvidia-ml.so.1";
    /** {@code NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX}: cumulative NVLink data sent, KiB. */
    static final int FI_NVLINK_THROUGHPUT_DATA_TX = 138;
    /** {@code NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX}: cumulative NVLink data received, KiB. */
    static final int FI_NVLINK_THROUGHPUT_DATA_RX = 139;
    /** Scope of a field value summed over all links. */
    static final int SCOPE_ALL = -1;
    /** {@code NVML_PCIE_UTIL_TX_BYTES}. */
    static final int PCIE_TX = 0;
    /** {@code NVML_PCIE_UTIL_RX_BYTES}. */
    static final int PCIE_RX = 1;
    /** {@code nvmlFieldValue_t}: fieldId, scopeId, timestamp, latencyUsec, valueType, nvmlReturn, value. */
    private static final MemoryLayout FIELD_VALUE = MemoryLayout.structLayout(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG,
            JAVA_INT, JAVA_INT, JAVA_LONG);

    private final Arena arena = Arena.ofShared();
    private final MethodHandle shutdown;
    private final MethodHandle count;
    private final MethodHandle handle;
    private final MethodHandle name;
    private final MethodHandle uuid;
    private final MethodHandle utilization;
    private final MethodHandle memory;
    private final MethodHandle power;
    private final MethodHandle energy;
    private final MethodHandle temperature;
    private final MethodHandle pcie;
    private final MethodHandle fieldValues;

    private Nvml(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        MethodHandle init = fn(linker, lib, "nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        shutdown = fn(linker, lib, "nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        count = fn(linker, lib, "nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handle = fn(linker, lib, "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        name = fn(linker, lib, "nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        uuid = fn(linker, lib, "nvmlDeviceGetUUID", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        utilization = fn(linker, lib, "nvmlDeviceGetUtilizationRates", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        memory = fn(linker, lib, "nvmlDeviceGetMemoryInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        power = fn(linker, lib, "nvmlDeviceGetPowerUsage", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        energy = fn(linker, lib, "nvmlDeviceGetTotalEnergyConsumption", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        temperature = fn(linker, lib, "nvmlDeviceGetTemperature", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        pcie = fn(linker, lib, "nvmlDeviceGetPcieThroughput", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        fieldValues = fn(linker, lib, "nvmlDeviceGetFieldValues", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        check("nvmlInit_v2", invoke(init));
    }

    /** Loads and initializes NVML from {@code library}: a name searched by the dynamic linker, or a path. */
    static Nvml load(String library) {
        Arena lookupArena = Arena.global();
        SymbolLookup lib;
        try {
            lib = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), lookupArena)
                    : SymbolLookup.libraryLookup(library, lookupArena);
        } catch (IllegalArgumentException e) {
            throw new NvmlException("cannot load " + library + " (no NVIDIA driver here?)", e);
        }
        return new Nvml(lib);
    }

    int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check("nvmlDeviceGetCount_v2", invoke(count, n));
            return n.get(JAVA_INT, 0);
        }
    }

    MemorySegment device(int index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment d = a.allocate(ADDRESS);
            check("nvmlDeviceGetHandleByIndex_v2", invoke(handle, index, d));
            return d.get(ADDRESS, 0);
        }
    }

    String name(MemorySegment device) {
        return string(name, device, 96);
    }

    String uuid(MemorySegment device) {
        return string(uuid, device, 96);
    }

    /** GPU and memory utilization, percent, or {@code null}. */
    int[] utilization(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment u = a.allocate(8, 4);
            return ok(invoke(utilization, device, u)) ? new int[] {u.get(JAVA_INT, 0), u.get(JAVA_INT, 4)} : null;
        }
    }

    /** Total, free and used device memory in bytes, or {@code null}. */
    long[] memory(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(24, 8);
            return ok(invoke(memory, device, m))
                    ? new long[] {m.get(JAVA_LONG, 0), m.get(JAVA_LONG, 8), m.get(JAVA_LONG, 16)} : null;
        }
    }

    /** Power draw in milliwatts. */
    OptionalLong powerMilliwatts(MemorySegment device) {
        return uintOut(power, device);
    }

    /** Energy since the driver loaded, millijoules. */
    OptionalLong energyMillijoules(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment e = a.allocate(JAVA_LONG);
            return ok(invoke(energy, device, e)) ? OptionalLong.of(e.get(JAVA_LONG, 0)) : OptionalLong.empty();
        }
    }

    /** GPU die temperature, degrees C ({@code NVML_TEMPERATURE_GPU}). */
    OptionalLong temperatureC(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = a.allocate(JAVA_INT);
            return ok(invoke(temperature, device, 0, t))
                    ? OptionalLong.of(Integer.toUnsignedLong(t.get(JAVA_INT, 0))) : OptionalLong.empty();
        }
    }

    /** PCIe throughput over the driver's last 20 ms window, KB/s; {@code counter} is {@link #PCIE_TX} or {@link #PCIE_RX}. */
    OptionalLong pcieKilobytesPerSecond(MemorySegment device, int counter) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            return ok(invoke(pcie, device, counter, v))
                    ? OptionalLong.of(Integer.toUnsignedLong(v.get(JAVA_INT, 0))) : OptionalLong.empty();
        }
    }

    /** One field value ({@code nvmlDeviceGetFieldValues}) as a number, or empty when unsupported. */
    OptionalDouble field(MemorySegment device, int fieldId, int scopeId) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(FIELD_VALUE);
            v.set(JAVA_INT, 0, fieldId);
            v.set(JAVA_INT, 4, scopeId);
            if (!ok(invoke(fieldValues, device, 1, v)) || v.get(JAVA_INT, 28) != 0) {
                return OptionalDouble.empty();
            }
            return switch (v.get(JAVA_INT, 24)) {
                case 0 -> OptionalDouble.of(v.get(JAVA_DOUBLE, 32));
                case 1 -> OptionalDouble.of(Integer.toUnsignedLong(v.get(JAVA_INT, 32)));
                case 2, 3 -> OptionalDouble.of(unsigned(v.get(JAVA_LONG, 32)));
                case 4 -> OptionalDouble.of(v.get(JAVA_LONG, 32));
                default -> OptionalDouble.empty();
            };
        }
    }

    @Override
    public void close() {
        invoke(shutdown);
        arena.close();
    }

    private OptionalLong uintOut(MethodHandle h, MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            return ok(invoke(h, device, v)) ? OptionalLong.of(Integer.toUnsignedLong(v.get(JAVA_INT, 0)))
                    : OptionalLong.empty();
        }
    }

    private String string(MethodHandle h, MemorySegment device, int size) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(JAVA_BYTE, size);
            return ok(invoke(h, device, buf, size)) ? buf.getString(0) : "unknown";
        }
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    /** Whether a call succeeded; any error (most often {@code NVML_ERROR_NOT_SUPPORTED}, 3) leaves the figure out. */
    private static boolean ok(int rc) {
        return rc == 0;
    }

    private static void check(String function, int rc) {
        if (rc != 0) {
            throw new NvmlException(function + " returned NVML error " + rc);
        }
    }

    private static int invoke(MethodHandle h, Object... args) {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new NvmlException("NVML call failed: " + t, t);
        }
    }

    private static MethodHandle fn(Linker linker, SymbolLookup lib, String name, FunctionDescriptor d) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new NvmlException("NVML has no function " + name
                + " (driver too old?)"));
        return linker.downcallHandle(symbol, d);
    }

    /** NVML could not be loaded or answered with an error. */
    static final class NvmlException extends RuntimeException {
        NvmlException(String message) {
            super(message);
        }

        NvmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
