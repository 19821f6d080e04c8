// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.testkit.AbstractEngineContractTest;

/**
 * The engine contract as an OpenAI-compatible engine serves it: generation and prefill only, so the checks of
 * embed, ingest, vector search and rerank are off. The loopback test and the one against a real server both
 * run it.
 */
abstract class OpenAiContract extends AbstractEngineContractTest {
    @Override
    protected boolean supportsEmbed() {
        return false;
    }

    @Override
    protected boolean supportsIngest() {
        return false;
    }

    @Override
    protected boolean supportsVectorSearch() {
        return false;
    }

    @Override
    protected boolean supportsRerank() {
        return false;
    }
}
