// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Checks;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which engine an app's primitives are addressed to, by {@link Role}, with per-module overrides: a
 * small LLM for query expansion and a larger one for the answer is
 * {@code DEFAULT.withRole(LLM, "big").withModule("expand", LLM, "small")}. The runtime binds each engine
 * name to an engine.
 *
 * @param roles   engine name by role; a role missing here is addressed to the engine named after it
 *                ({@link Role#key()})
 * @param modules per module name, engine names by role that override {@code roles}
 */
public record EngineBinding(Map<Role, String> roles, Map<String, Map<Role, String>> modules) {
    /** Every role addressed to the engine named after it: {@code llm}, {@code embedder}, ... */
    public static final EngineBinding DEFAULT = new EngineBinding(Map.of(), Map.of());

    public EngineBinding {
        roles = Map.copyOf(roles);
        Map<String, Map<Role, String>> m = new HashMap<>();
        modules.forEach((k, v) -> m.put(Objects.requireNonNull(k, "module"), Map.copyOf(v)));
        modules = Map.copyOf(m);
    }

    /** The engine that plays {@code role} for the module called {@code module}. */
    public String engine(String module, Role role) {
        Map<Role, String> own = modules.get(module);
        if (own != null && own.containsKey(role)) {
            return own.get(role);
        }
        return engine(role);
    }

    /** The engine that plays {@code role} for modules without an override. */
    public String engine(Role role) {
        return roles.getOrDefault(role, role.key());
    }

    /** This binding with {@code role} played by {@code engine} for the whole app. */
    public EngineBinding withRole(Role role, String engine) {
        Checks.argument(!engine.isBlank(), "engine name must not be blank (role %s)", role.key());
        Map<Role, String> r = new EnumMap<>(Role.class);
        r.putAll(roles);
        r.put(role, engine);
        return new EngineBinding(r, modules);
    }

    /** This binding with {@code role} played by {@code engine} for the module called {@code module} only. */
    public EngineBinding withModule(String module, Role role, String engine) {
        Checks.argument(!engine.isBlank(), "engine name must not be blank (module %s, role %s)", module, role.key());
        Map<String, Map<Role, String>> m = new HashMap<>(modules);
        Map<Role, String> own = new EnumMap<>(Role.class);
        own.putAll(m.getOrDefault(module, Map.of()));
        own.put(role, engine);
        m.put(module, own);
        return new EngineBinding(roles, m);
    }

    /** Whether {@code role} is bound explicitly, for the app or for the module called {@code module}. */
    public boolean binds(String module, Role role) {
        return roles.containsKey(role) || modules.getOrDefault(module, Map.of()).containsKey(role);
    }
}
