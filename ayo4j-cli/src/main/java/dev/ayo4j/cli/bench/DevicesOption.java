// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import picocli.CommandLine.Option;

/**
 * Where the benchmarked engines run ({@code bench app}, {@code bench serve}), for use as a picocli
 * {@code @Mixin}: on this machine's cores, or projected onto a modeled device per engine at call costs fitted
 * on this machine's engines first.
 */
final class DevicesOption {
    /** Values of {@code --devices}. */
    enum Devices { MACHINE, MODELED }

    @Option(names = "--devices", defaultValue = "machine",
            description = "Where the engines run: machine (this machine's cores) or modeled (a projection: each "
                    + "engine on a device of its own, at call costs first fitted on this machine's engines; "
                    + "outputs are not meaningful text).")
    Devices devices;

    @Option(names = "--calibration-queries", defaultValue = "3",
            description = "With --devices modeled: sampled queries (per workload) for fitting the costs.")
    int calibrationQueries;

    /** Whether the run is a projection onto modeled devices. */
    boolean modeled() {
        return devices == Devices.MODELED;
    }
}
