// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The in-process llama.cpp engine, on a chain model, against the engine contract. */
class LlamaCppEngineContractTest extends AbstractEngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected Engine createEngine() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeChain(model, "The sky is blue today.");
        return LlamaCppEngine.open(LlamaCppOptions.builder().model(model).threads(1).build());
    }

    @Override protected boolean supportsEmbed() { return false; }
    @Override protected boolean supportsIngest() { return false; }
    @Override protected boolean supportsVectorSearch() { return false; }
    @Override protected boolean supportsRerank() { return false; }
}
