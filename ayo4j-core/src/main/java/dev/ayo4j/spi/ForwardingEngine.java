// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.List;

/**
 * An engine standing in front of another: its name, capabilities and description are its {@link #delegate()}'s, and a batch
 * runs on the delegate unless the decorator overrides {@link #execute} to do something around the call. The
 * readiness check and {@link #close()} are each decorator's own choice (one that does not own its delegate
 * does not close it), so neither is forwarded here.
 */
public interface ForwardingEngine extends Engine {
    /** The engine this one stands in front of. */
    Engine delegate();

    @Override
    default String name() {
        return delegate().name();
    }

    @Override
    default EngineCapabilities capabilities() {
        return delegate().capabilities();
    }

    @Override
    default EngineDescription description() {
        return delegate().description();
    }

    @Override
    default List<TaskResult> execute(Batch batch) {
        return delegate().execute(batch);
    }
}
