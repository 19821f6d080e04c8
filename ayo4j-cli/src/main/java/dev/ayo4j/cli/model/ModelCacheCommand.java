// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.models.ModelCache;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What the model commands ({@code model pull}, {@code model synth}, {@code model list}) have in common: the
 * {@code --cache} option, and the command line's output and usage errors.
 */
abstract class ModelCacheCommand implements Callable<Integer> {
    @Mixin
    CacheOption cacheOption = new CacheOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The model cache {@code --cache} names, else the default one. */
    final ModelCache cache() {
        return cacheOption.cache();
    }

    /** Where the command prints its result. */
    final PrintWriter output() {
        return spec.commandLine().getOut();
    }

    /** A wrong command line, said with {@code message}: exit code 2 and the usage. */
    final CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
