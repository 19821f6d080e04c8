package dev.ayo4j.cli;

import dev.ayo4j.cli.encoder.ServeCommand;
import dev.ayo4j.cli.model.ModelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ayo4j} command: one sub-command class per verb. */
@Command(name = "ayo4j", mixinStandardHelpOptions = true, version = "ayo4j 0.1.0",
        description = "Runs LLM applications as optimized primitive dataflow graphs on local engines.",
        subcommands = {DemoCommand.class, RunCommand.class, ExplainCommand.class, BenchCommand.class,
            ModelCommand.class, ServeCommand.class})
public final class Ayo4jCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM: native engines keep non-daemon threads alive. */
    public static void main(String[] args) {
        System.exit(run(args));
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
