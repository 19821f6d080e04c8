package dev.ayo4j.server;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.local.LocalStack;

/** The {@link AppService} implementations. */
public final class AppServices {
    private AppServices() {}

    /**
     * The built-in apps ({@code advanced-rag}, {@code naive-rag} over {@code collection}, {@code
     * multi-call}) on the embedded {@code stack}, which the service then owns and closes.
     */
    public static AppService embedded(LocalStack stack, String collection, AppOptions options) {
        return new LocalAppService(stack, Names.requireCollection(collection), options);
    }
}
