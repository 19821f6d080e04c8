// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ayo4j serve}: groups the long-running server commands. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a server until interrupted.",
        subcommands = {ServeEncoderCommand.class})
public final class ServeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
