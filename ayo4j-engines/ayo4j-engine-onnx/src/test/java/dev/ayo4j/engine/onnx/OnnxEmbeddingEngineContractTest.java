// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;

/** The bundled all-MiniLM-L6-v2 embedder against the engine contract. */
class OnnxEmbeddingEngineContractTest extends AbstractEngineContractTest {
    @Override
    protected Engine createEngine() {
        return new OnnxEmbeddingEngine("embedder", EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2,
                EncoderOptions.DEFAULTS));
    }

    @Override protected boolean supportsIngest() { return false; }
    @Override protected boolean supportsVectorSearch() { return false; }
    @Override protected boolean supportsRerank() { return false; }
    @Override protected boolean supportsPrefill() { return false; }
    @Override protected boolean supportsPartialPrefill() { return false; }
}
