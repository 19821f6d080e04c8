package dev.ayo4j.cli;

import java.nio.file.Path;

/**
 * Where ayo4j keeps its state: {@code $AYO4J_HOME}, by default {@code .ayo4j} in the user's home
 * folder. Vector collections live under {@code data/}; the model cache under {@code models/}.
 */
final class Ayo4jHome {
    private Ayo4jHome() {}

    static Path root() {
        String env = System.getenv("AYO4J_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".ayo4j");
    }

    static Path data() {
        return root().resolve("data");
    }
}
