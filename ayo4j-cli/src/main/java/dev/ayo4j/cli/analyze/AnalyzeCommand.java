// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ayo4j analyze}: groups the analytics commands over trace files and workload traces. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse run traces, compare two sets of runs, or characterise a workload trace; each writes "
                + "a self-contained HTML report and prints a summary.",
        subcommands = {AnalyzeRunsCommand.class, AnalyzeCompareCommand.class, AnalyzeWorkloadCommand.class})
public final class AnalyzeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
