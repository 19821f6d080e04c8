// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;

/** The bundled bge-small similarity reranker against the engine contract. */
class OnnxRerankEngineContractTest extends AbstractEngineContractTest {
    @Override
    protected Engine createEngine() {
        return OnnxRerankEngine.similarity("reranker", EncoderModel.bundled(BundledEncoder.BGE_SMALL_EN_V15,
                EncoderOptions.DEFAULTS));
    }

    @Override protected boolean supportsEmbed() { return true; } // its passage vectors, for ingestion
    @Override protected boolean supportsIngest() { return false; }
    @Override protected boolean supportsVectorSearch() { return false; }
    @Override protected boolean supportsPrefill() { return false; }
    @Override protected boolean supportsPartialPrefill() { return false; }
}
