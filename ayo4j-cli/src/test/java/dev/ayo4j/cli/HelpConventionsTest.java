// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help lists its defaults and the exit codes; the version names the build. */
class HelpConventionsTest {
    @Test
    void everyCommandsHelpShowsEachDefaultOnceAndTheExitCodes() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Ayo4jCli.conventions(new CommandLine(new Ayo4jCli())), commands);
        assertThat(commands).extracting(CommandLine::getCommandName).contains("demo", "run", "explain", "split");

        for (CommandLine command : commands) {
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = command.getCommandSpec().qualifiedName();
            assertThat(usage).as(name).contains("Exit codes:", "  0   done", "  1   failed", "  2   wrong command line");
            for (OptionSpec option : command.getCommandSpec().options()) {
                String value = option.defaultValue();
                if (value == null || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String description = String.join(" ", option.description());
                assertThat(description).as("%s %s says its default itself", name, option.longestName())
                        .doesNotContain("(default: " + value + ")").doesNotContain("${DEFAULT-VALUE}");
            }
            long withDefaults = command.getCommandSpec().options().stream().filter(o -> o.defaultValue() != null)
                    .filter(o -> !o.usageHelp() && !o.versionHelp()).count();
            assertThat(usage.split("Default:", -1).length - 1).as(name).isGreaterThanOrEqualTo((int) withDefaults);
            assertThat(usage).as("%s shows an empty default", name).doesNotContainPattern("Default:\\s*\\n");
        }
    }

    @Test
    void versionNamesTheVersionTheCommitAndTheBuildTime() {
        StringWriter out = new StringWriter();
        CommandLine cli = Ayo4jCli.conventions(new CommandLine(new Ayo4jCli())).setOut(new PrintWriter(out));

        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).containsPattern("ayo4j \\d+\\.\\d+\\.\\d+")
                .containsPattern("commit \\S+, built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                .doesNotContain("${");
    }

    @Test
    void aWrongCommandLineExitsWithTwo() {
        assertThat(Ayo4jCli.run("demo", "--no-such-option")).isEqualTo(Ayo4jCli.EXIT_USAGE).isEqualTo(2);
        assertThat(Ayo4jCli.run("explain", "--passages", "many")).isEqualTo(2);
        assertThat(Ayo4jCli.run("no-such-command")).isEqualTo(2);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(c -> collect(c, into));
    }
}
