// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.spi.Engine;

/** {@link TestingEngine} passes the engine contract. */
class TestingEngineContractTest extends AbstractEngineContractTest {
    @Override
    protected Engine createEngine() {
        return TestingEngine.builder("testing").build();
    }
}
