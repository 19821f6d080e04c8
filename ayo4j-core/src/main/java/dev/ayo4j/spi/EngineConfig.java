// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings an {@link EngineProvider} creates an engine from: its name, string options (a model path, a
 * thread count) as read from the command line or a configuration file, and objects handed over in code
 * (a LangChain4j model a user already configured, a shared cache) that no file can express.
 *
 * @param name    the engine's name, unique among the engines of one runtime
 * @param options string options by key
 * @param objects objects by key, for engines created in code; empty for engines from a file
 */
public record EngineConfig(String name, Map<String, String> options, Map<String, Object> objects) {
    public EngineConfig {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
        objects = Map.copyOf(objects);
    }

    /** A configuration of string options only, as a file or the command line gives. */
    public EngineConfig(String name, Map<String, String> options) {
        this(name, options, Map.of());
    }

    /**
     * Throws {@link dev.ayo4j.NonRetriableEngineException} naming the options not in {@code known}, so that a
     * typo in a file does not pass silently: {@code engine NAME: unknown PROVIDER option(s) [..]; known: [..]}.
     */
    public void requireKnownOptions(String provider, java.util.Set<String> known) {
        java.util.Set<String> unknown = unknownOptions(known);
        if (!unknown.isEmpty()) {
            throw new dev.ayo4j.NonRetriableEngineException(String.format("engine %s: unknown %s option(s) %s; "
                    + "known: %s", name, provider, unknown, new java.util.TreeSet<>(known)));
        }
    }

    /** The keys of the options not in {@code known}, sorted; empty when every option is known. */
    public java.util.SortedSet<String> unknownOptions(java.util.Set<String> known) {
        java.util.SortedSet<String> unknown = new java.util.TreeSet<>(options.keySet());
        unknown.removeAll(known);
        return unknown;
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

    /** The object {@code key} as {@code type}; throws naming the key when it is missing or of another type. */
    public <T> T object(String key, Class<T> type) {
        Object v = objects.get(key);
        if (v == null) {
            throw new IllegalArgumentException("engine " + name + ": needs the object '" + key + "' (a "
                    + type.getSimpleName() + "); given: " + objects.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("engine " + name + ": object '" + key + "' is a "
                    + v.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(v);
    }

    /** A copy with the object {@code key} set to {@code value}. */
    public EngineConfig withObject(String key, Object value) {
        Map<String, Object> copy = new HashMap<>(objects);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new EngineConfig(name, options, copy);
    }
}
