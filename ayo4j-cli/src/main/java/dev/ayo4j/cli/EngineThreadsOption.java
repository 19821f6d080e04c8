// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.local.LocalStackOptions;
import picocli.CommandLine.Option;

/**
 * {@code --llm-threads} and {@code --encoder-threads}, for use as a picocli {@code @Mixin}: the threads of the
 * embedded engines, in the commands that run apps on them ({@code demo}, {@code run}, {@code serve},
 * {@code bench app}, {@code bench serve}).
 */
public final class EngineThreadsOption {
    /** Threads of the LLM. */
    @Option(names = "--llm-threads", defaultValue = "1", description = "LLM threads.")
    public int llmThreads;

    /** Threads of each encoder (embedder, reranker). */
    @Option(names = "--encoder-threads", defaultValue = "1", description = "Threads per encoder.")
    public int encoderThreads;

    /** {@code options} with the LLM and each encoder on these threads. */
    public LocalStackOptions applyTo(LocalStackOptions options) {
        return options.withThreads(llmThreads, encoderThreads);
    }
}
