// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.testkit.SameAnswerCorpus;
import java.nio.file.Path;

/**
 * The stack of the same-answer tests: the real embedded engines, with a chain model that generates
 * {@link SameAnswerCorpus#QUERIES} written to {@code chain.gguf} and the store in {@code data}, both in a test's
 * folder.
 */
final class SameAnswerStack {
    private SameAnswerStack() {}

    /** Writes the chain model into {@code dir} and opens the stack on it. */
    static LocalStack open(Path dir) {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, SameAnswerCorpus.QUERIES);
        return LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")));
    }

    /** The chain model's answer to any prompt. */
    static String answer() {
        return SyntheticModels.jsonList(SameAnswerCorpus.QUERIES);
    }
}
