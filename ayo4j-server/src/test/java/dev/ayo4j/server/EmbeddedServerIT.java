// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class's server on the real embedded engines: {@link #s} started once, on a temporary folder
 * {@link #dir} with the default limits, before the class's tests, and closed after them.
 */
abstract class EmbeddedServerIT {
    @TempDir
    static Path dir;
    static EmbeddedServer s;

    @BeforeAll
    static void startServer() throws Exception {
        s = EmbeddedServer.start(dir, Limits.DEFAULT);
    }

    @AfterAll
    static void stopServer() {
        if (s != null) {
            s.close();
        }
    }
}
