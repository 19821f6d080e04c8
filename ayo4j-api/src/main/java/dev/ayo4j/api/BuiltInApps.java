// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.App;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in apps, shipped as app files in this module's resources ({@code dev/ayo4j/api/apps/}), in
 * the same format as a user's app file.
 */
final class BuiltInApps {
    /** Names of the built-in apps, each a resource {@code apps/NAME.yaml}. */
    static final List<String> NAMES = List.of("naive-rag", "advanced-rag", "multi-call");

    private BuiltInApps() {}

    /** Every built-in app with its default options. */
    static Map<String, App> all() {
        Map<String, App> out = new LinkedHashMap<>();
        for (String n : NAMES) {
            out.put(n, load(n, Map.of()));
        }
        return out;
    }

    /** The built-in app {@code name} with its options overridden by {@code options}. */
    static App load(String name, Map<String, String> options) {
        String resource = "apps/" + name + ".yaml";
        try (var in = BuiltInApps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new dev.ayo4j.Ayo4jException("unknown built-in app '" + name + "'; built-in apps: " + NAMES);
            }
            return AppFiles.parse(name + ".yaml", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    options);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
