// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.cli.analyze.AnalyzeCommand;
import dev.ayo4j.cli.model.ModelCommand;
import dev.ayo4j.cli.telemetry.TelemetryCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ayo4j} command: one sub-command class per verb. Every command, whichever class declares it,
 * shows its options' defaults and the exit codes in {@code --help} and prints the build's version with
 * {@code --version} (see {@link #conventions(CommandLine)}).
 */
@Command(name = "ayo4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs LLM applications as optimized primitive dataflow graphs on local engines.",
        subcommands = {DemoCommand.class, RunCommand.class, ExplainCommand.class, BenchCommand.class,
            ModelCommand.class, ServeCommand.class, AnalyzeCommand.class, TelemetryCommand.class})
public final class Ayo4jCli implements Runnable {
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the level set here. */
    private static final java.util.logging.Logger DJL_LOGGER = java.util.logging.Logger.getLogger("ai.djl");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM: native engines keep non-daemon threads alive. */
    public static void main(String[] args) {
        deleteLauncherTmpdirOnExit();
        quietLogging();
        System.exit(run(args));
    }

    /**
     * Deletes the per-process temporary folder that {@code bin/ayo4j} made (system property
     * {@code ayo4j.launcher.tmpdir}) when the JVM exits, on {@code System.exit}, Ctrl-C or TERM alike; the
     * launcher execs the JVM, so nothing is left waiting to clean up after it.
     */
    private static void deleteLauncherTmpdirOnExit() {
        String dir = System.getProperty("ayo4j.launcher.tmpdir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path root = Path.of(dir);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ayo4j-tmpdir-cleanup").unstarted(() -> {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // Nothing to report to at exit; the launcher deletes folders of dead processes at its next start.
            }
        }));
    }

    /**
     * Shows warnings and errors only, so that a command's own output reads cleanly; set the system
     * property {@code ayo4j.log} to a level (e.g. {@code -Dayo4j.log=INFO} in {@code AYO4J_JAVA_OPTS}) to see
     * more, such as which engines were loaded.
     */
    private static void quietLogging() {
        java.util.logging.Level level = java.util.logging.Level.parse(System.getProperty("ayo4j.log", "WARNING"));
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(level);
        }
        if (System.getProperty("ayo4j.log") == null) {
            // DJL warns on every start that it found no CUDA driver; on a CPU machine that is expected.
            DJL_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Exit code of a command that did its job. */
    static final int EXIT_OK = CommandLine.ExitCode.OK;
    /** Exit code of a command that failed: bad input files, an engine error, a missed deadline. */
    static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;
    /** Exit code of a command line that is wrong: an unknown command or option, a missing or bad value. */
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = conventions(new CommandLine(new Ayo4jCli()).setCaseInsensitiveEnumValuesAllowed(true));
        cli.setExecutionExceptionHandler((e, cmd, _) -> {
            cmd.getErr().println("ayo4j: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("ayo4j.stacktrace")) {
                e.printStackTrace(cmd.getErr());
            }
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * Applies the conventions of every command to {@code cli} and all its sub-commands: options listed
     * with their defaults, the exit codes, and the build's version.
     */
    static CommandLine conventions(CommandLine cli) {
        Map<String, String> exitCodes = new LinkedHashMap<>();
        exitCodes.put(Integer.toString(EXIT_OK), "done");
        exitCodes.put(Integer.toString(EXIT_FAILURE), "failed (the message says why)");
        exitCodes.put(Integer.toString(EXIT_USAGE), "wrong command line (unknown option, missing or bad value)");
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().showDefaultValues(true).exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        if (spec.mixinStandardHelpOptions()) {
            spec.versionProvider(new VersionProvider());
        }
        cli.getSubcommands().values().forEach(Ayo4jCli::conventions);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
