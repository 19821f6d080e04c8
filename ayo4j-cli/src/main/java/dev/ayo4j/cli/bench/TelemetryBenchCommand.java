// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.bench.TelemetryBenchmark;
import dev.ayo4j.cli.Ayo4jCli;
import dev.ayo4j.cli.JsonOption;
import dev.ayo4j.cli.telemetry.IntervalConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j bench telemetry}: the telemetry agent's CPU share at 1 s and 100 ms sampling, and the run time
 * per primitive that metrics, spans and trace files add to {@code bench runtime}'s no-op workload.
 */
@Command(name = "telemetry", mixinStandardHelpOptions = true,
        description = "What observing costs: the agent's CPU share, and instrumentation's cost per primitive.")
public final class TelemetryBenchCommand implements Callable<Integer> {
    /** Target: the agent at 1 s sampling uses under 1 % of one core. */
    static final double AGENT_TARGET_SHARE = 0.01;
    /** Target: instrumentation adds under 2 microseconds per primitive. */
    static final double INSTRUMENTATION_TARGET_MICROS = 2;

    /**
     * JVM options of the measured agent: those {@code bin/ayo4j} gives the {@code telemetry} command (a small
     * heap, the serial collector, the client compiler).
     */
    static final List<String> AGENT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m");

    @Option(names = "--warmup", defaultValue = "30s", converter = IntervalConverter.class,
            description = "Agent start-up left out of the measurement.")
    Duration warmup;

    @Option(names = "--window", defaultValue = "30s", converter = IntervalConverter.class,
            description = "Agent CPU measured over this long per interval.")
    Duration window;

    @Option(names = "--queries", defaultValue = "1000", description = "Concurrent queries per round.")
    int queries;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per setting and cycle.")
    int rounds;

    @Option(names = "--cycles", defaultValue = "3", description = "Times through the settings in turn.")
    int cycles;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        TelemetryBenchmark bench = new TelemetryBenchmark();
        System.out.printf("agent: ayo4j telemetry at --interval 1s and 100ms, each a process of its own (%s), "
                + "%d s warm-up, %d s measured...%n", String.join(" ", AGENT_JVM_OPTIONS), warmup.toSeconds(),
                window.toSeconds());
        java.util.Map<String, List<String>> commands = new java.util.LinkedHashMap<>();
        commands.put("1s", agentCommand("1s"));
        commands.put("100ms", agentCommand("100ms"));
        List<TelemetryBenchmark.AgentFigures> agent = bench.agents(commands, warmup, window);
        for (var a : agent) {
            System.out.printf("  --interval %-5s %.3f s CPU in %.1f s: %.2f %% of one core%s%n", a.interval(), a.cpuSeconds(),
                    a.windowSeconds(), 100 * a.coreShare(), a.interval().equals("1s") ? String.format(" (target: < %.0f %%) %s",
                            100 * AGENT_TARGET_SHARE, a.coreShare() < AGENT_TARGET_SHARE ? "OK" : "MISSED") : "");
        }
        System.out.printf("instrumentation: %d concurrent advanced-rag queries per round on no-op engines, %d rounds "
                + "per setting, %d cycles through the settings...%n", queries, rounds, cycles);
        Path traces = Files.createTempDirectory("ayo4j-bench-traces");
        TelemetryBenchmark.Report report;
        try {
            report = bench.instrumentation(queries, rounds, cycles, traces, agent);
        } finally {
            ScratchFiles.deleteRecursively(traces);
        }
        table(report.primitivesPerQuery(), report.instrumentation());
        System.out.println("  (wall: elapsed time of a round over its primitives; CPU: this process's CPU time in the"
                + " round, every thread, over its primitives: the figure other processes' load moves least)");
        System.out.printf("listeners alone: one round's run events recorded, then replayed %d times into each "
                + "setting on one thread, %d measurements per setting taken in turn...%n", TelemetryBenchmark.REPLAYS,
                rounds * cycles);
        table(report.primitivesPerQuery(), report.replayed());
        long expected = (long) cycles * (rounds + 1) * queries * (report.primitivesPerQuery() + 1);
        System.out.printf("  spans exported: %d of the %d that the spans setting's runs and primitives make%n",
                report.spansExported(), expected);
        json.write(report);
        return 0;
    }

    private static void table(int primitivesPerQuery, List<TelemetryBenchmark.InstrumentationFigures> figures) {
        System.out.printf("  %-55s %12s %12s %14s %12s%n", "setting (" + primitivesPerQuery + " primitives per query)",
                "us/primitive", "added", "CPU us/prim.", "added");
        for (var f : figures) {
            boolean off = f.setting().equals("off");
            System.out.printf("  %-55s %12.2f %+12.2f %14.2f %+12.2f%s%n", f.setting(), f.medianMicrosPerPrimitive(),
                    f.addedMicrosPerPrimitive(), f.medianCpuMicrosPerPrimitive(), f.addedCpuMicrosPerPrimitive(),
                    off ? "" : String.format(" (target: < %.0f us) wall %s, CPU %s", INSTRUMENTATION_TARGET_MICROS,
                            verdict(f.addedMicrosPerPrimitive()), verdict(f.addedCpuMicrosPerPrimitive())));
        }
    }

    private static String verdict(double addedMicros) {
        return addedMicros < INSTRUMENTATION_TARGET_MICROS ? "OK" : "MISSED";
    }

    /** This same tool's {@code telemetry} command, on this JVM's class path. */
    private static List<String> agentCommand(String interval) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(AGENT_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Ayo4jCli.class.getName(), "telemetry",
                "--interval", interval));
        return command;
    }
}
