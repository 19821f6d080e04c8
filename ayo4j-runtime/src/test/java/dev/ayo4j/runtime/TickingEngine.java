// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.ForwardingEngine;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.List;

/** Engine decorator that moves a manual ticker by a fixed service time per batch: virtual-time measurements. */
record TickingEngine(Engine delegate, ManualTicker ticker, Duration perBatch) implements ForwardingEngine {
    @Override
    public List<TaskResult> execute(Batch batch) {
        ticker.advance(perBatch);
        return delegate.execute(batch);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
