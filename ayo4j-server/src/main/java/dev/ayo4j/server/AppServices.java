package dev.ayo4j.server;

import dev.ayo4j.api.Ayo4j;

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
        return new FrontDoorAppService(ayo, Names.requireCollection(collection), ENCODER_THREADS);
    }
}
