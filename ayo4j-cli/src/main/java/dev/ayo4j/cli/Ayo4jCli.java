package dev.ayo4j.cli;

import dev.ayo4j.cli.analyze.AnalyzeCommand;
import dev.ayo4j.cli.model.ModelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ayo4j} command: one sub-command class per verb. */
@Command(name = "ayo4j", mixinStandardHelpOptions = true, version = "ayo4j 0.1.0",
        description = "Runs LLM applications as optimized primitive dataflow graphs on local engines.",
        subcommands = {DemoCommand.class, RunCommand.class, ExplainCommand.class, BenchCommand.class,
            ModelCommand.class, ServeCommand.class, AnalyzeCommand.class})
public final class Ayo4jCli implements Runnable {
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the level set here. */
    private static final java.util.logging.Logger DJL_LOGGER = java.util.logging.Logger.getLogger("ai.djl");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM: native engines keep non-daemon threads alive. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args));
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

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Ayo4jCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, _) -> {
            cmd.getErr().println("ayo4j: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("ayo4j.stacktrace")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
