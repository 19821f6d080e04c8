// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ayo4j model}: the group of commands that manage LLM weights in the local model cache
 * ({@code $AYO4J_HOME/models}, default {@code ~/.ayo4j/models}).
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Manage LLM weights: pull GGUF files from a hub, write synthetic ones, list the cache.",
        subcommands = {ModelPullCommand.class, ModelSynthCommand.class, ModelListCommand.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
