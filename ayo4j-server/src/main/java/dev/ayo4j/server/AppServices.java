// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.TraceFiles;
import org.jspecify.annotations.Nullable;

/** The {@link AppService} implementations. */
public final class AppServices {
    /** Threads of the embedding routes' encoder session. */
    public static final int ENCODER_THREADS = 1;

    private AppServices() {}

    /**
     * The apps, collections and engines of {@code ayo} (which the service then owns and closes); runs that
     * name no collection search {@code collection}.
     */
    public static AppService of(Ayo4j ayo, String collection) {
        return new FrontDoorAppService(ayo, Names.requireCollection(collection), ENCODER_THREADS, null, null);
    }

    /**
     * {@link #of(Ayo4j, String)}, observed: every run's metrics (app label = the app's name) and, when
     * OpenTelemetry export is configured, its span (a child of the request's {@code traceparent}) go to
     * {@code observability}, which also gets the engine gauges of {@code ayo}'s runtime; with {@code traces}
     * every run's trace rows are written there too. The caller keeps owning and closes both.
     */
    public static AppService of(Ayo4j ayo, String collection, Observability observability,
                                @Nullable TraceFiles traces) {
        return new FrontDoorAppService(ayo, Names.requireCollection(collection), ENCODER_THREADS,
                java.util.Objects.requireNonNull(observability, "observability"), traces);
    }
}
