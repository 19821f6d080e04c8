// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.Role;
import java.util.List;
import java.util.Set;

/**
 * One engine of an {@link Ayo4j}, as a server's status page shows it.
 *
 * @param name          its name
 * @param provider      the provider that created it
 * @param roles         the roles it plays by default
 * @param primitives    the primitive kinds it serves
 * @param maxBatchSize  most tasks per call, as it declares
 * @param maxBatchTokens most input tokens per call, as it declares
 * @param maxConcurrency most calls in flight at once, as it declares (a llama.cpp engine: its slots)
 */
public record EngineInfo(String name, String provider, Set<Role> roles, List<String> primitives, int maxBatchSize,
                         int maxBatchTokens, int maxConcurrency) {
    public EngineInfo {
        roles = Set.copyOf(roles);
        primitives = List.copyOf(primitives);
    }
}
