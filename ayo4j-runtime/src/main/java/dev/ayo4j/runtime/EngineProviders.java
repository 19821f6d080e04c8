// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Engine providers found on the class path (or module path) with {@link ServiceLoader}: the way
 * third-party engines plug in without any change to ayo4j.
 */
public final class EngineProviders {
    private static final System.Logger LOG = System.getLogger(EngineProviders.class.getName());

    private final TreeMap<String, EngineProvider> byName = new TreeMap<>();

    private EngineProviders(Iterable<EngineProvider> providers) {
        for (EngineProvider p : providers) {
            EngineProvider earlier = byName.putIfAbsent(p.name(), p);
            if (earlier != null) {
                throw new Ayo4jException(String.format("two engine providers are called '%s': %s and %s", p.name(),
                        earlier.getClass().getName(), p.getClass().getName()));
            }
        }
    }

    /** The providers visible to {@code loader}. */
    public static EngineProviders load(ClassLoader loader) {
        return new EngineProviders(ServiceLoader.load(EngineProvider.class, loader));
    }

    /**
     * The providers given, and no others: for a program that makes its engines itself (a benchmark's
     * modeled devices) and hands them to an entry point through a provider of its own.
     */
    public static EngineProviders of(List<EngineProvider> providers) {
        return new EngineProviders(List.copyOf(providers));
    }

    /** The providers visible to this class's loader. */
    public static EngineProviders load() {
        return load(EngineProviders.class.getClassLoader());
    }

    /** Names of the providers found, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The provider called {@code kind}; throws naming the known kinds if there is none. */
    public EngineProvider provider(String kind) {
        EngineProvider p = byName.get(kind);
        if (p == null) {
            throw new Ayo4jException("no engine provider called '" + kind + "'; found " + names()
                    + " (providers are listed in META-INF/services/" + EngineProvider.class.getName() + ")");
        }
        return p;
    }

    /**
     * Creates the engine {@code spec} describes with its provider: the one way engines are made. Throws
     * naming the known providers when there is no such provider, or the provider's error naming the option.
     */
    public Engine create(EngineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String kind = spec.provider();
        EngineConfig config = spec.config();
        EngineProvider p = provider(kind);
        Engine engine = p.create(config);
        if (!engine.name().equals(config.name())) {
            engine.close();
            throw new Ayo4jException(String.format("engine provider %s made an engine called '%s' for '%s'", kind,
                    engine.name(), config.name()));
        }
        LOG.log(System.Logger.Level.INFO, "engine {0}: {1} from provider {2} serving {3}", config.name(),
                engine.getClass().getSimpleName(), kind, engine.capabilities().primitives().stream()
                        .map(Class::getSimpleName).sorted().toList());
        return engine;
    }
}
