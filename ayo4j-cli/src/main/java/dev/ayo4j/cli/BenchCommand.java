// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.cli.bench.AppBenchCommand;
import dev.ayo4j.cli.bench.EncoderBenchCommand;
import dev.ayo4j.cli.bench.ServeBenchCommand;
import dev.ayo4j.cli.bench.SplitBenchCommand;
import dev.ayo4j.cli.bench.TelemetryBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ayo4j bench}: groups the benchmark commands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
        subcommands = {RuntimeBenchCommand.class, AppBenchCommand.class, EncoderBenchCommand.class,
                SplitBenchCommand.class, TelemetryBenchCommand.class, ServeBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
