// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Helidon's logging hook, which leaves logging as it is: ayo4j configures {@code java.util.logging} itself
 * (the command line sets its levels), and Helidon, finding no provider of this kind, printed "There is no
 * Helidon logging implementation on classpath, skipping log configuration." on every start of a server.
 * Found through {@link java.util.ServiceLoader}.
 */
public final class OwnLogging implements LoggingProvider {
    /** The provider, for {@link java.util.ServiceLoader}. */
    public OwnLogging() {}

    @Override
    public void initialization() {
        // java.util.logging is configured by the application, not by Helidon
    }

    @Override
    public void runTime() {
        // as initialization()
    }
}
