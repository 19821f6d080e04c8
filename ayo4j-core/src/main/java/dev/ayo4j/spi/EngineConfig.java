package dev.ayo4j.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Settings an {@link EngineProvider} creates an engine from: its name and string options (a model
 * path, a thread count), as read from the command line or a configuration file.
 */
public record EngineConfig(String name, Map<String, String> options) {
    public EngineConfig {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The integer option {@code key}; throws naming the key if it is not a number. */
    public int intOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("engine " + name + ": option " + key + " is not an integer: " + v);
        }
    }
}
