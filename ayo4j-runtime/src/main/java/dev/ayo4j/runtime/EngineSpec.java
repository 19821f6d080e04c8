// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Checks;
import dev.ayo4j.app.Role;
import dev.ayo4j.spi.EngineConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to create an engine from: the provider that makes it, its configuration (name, string options,
 * objects handed over in code) and the roles it plays for apps whose binding does not name it. The one
 * way every engine is created: {@link EngineProviders#create(EngineSpec)}.
 *
 * @param provider the {@link dev.ayo4j.spi.EngineProvider} name, e.g. {@code llamacpp}, {@code openai},
 *                 {@code onnx}, {@code tei}, {@code lucene}
 * @param config   the engine's name and options
 * @param roles    roles the engine plays by default; may be empty for an engine only bound by name
 */
public record EngineSpec(String provider, EngineConfig config, Set<Role> roles) {
    public EngineSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(config, "config");
        roles = Set.copyOf(roles);
        Checks.argument(!provider.isBlank(), "engine %s: provider must not be blank", config.name());
        Checks.argument(!config.name().isBlank(), "engine name must not be blank (provider %s)", provider);
    }

    /** A spec of string options, as a file gives. */
    public static EngineSpec of(String name, String provider, Map<String, String> options, Set<Role> roles) {
        return new EngineSpec(provider, new EngineConfig(name, options), roles);
    }

    /** The engine's name. */
    public String name() {
        return config.name();
    }

    /** This spec with the object {@code key} handed to the provider (see {@link EngineConfig#withObject}). */
    public EngineSpec withObject(String key, Object value) {
        return new EngineSpec(provider, config.withObject(key, value), roles);
    }

    /** This spec with the option {@code key} set to {@code value}. */
    public EngineSpec withOption(String key, String value) {
        Map<String, String> o = new java.util.HashMap<>(config.options());
        o.put(key, value);
        return new EngineSpec(provider, new EngineConfig(config.name(), o, config.objects()), roles);
    }
}
