// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import dev.ayo4j.encoders.policies.PolicyRegistry;
import java.util.Iterator;

/**
 * The batch policy names of {@link PolicyRegistry#standard()}, for picocli's {@code completionCandidates}, so
 * every command's {@code --help} lists the names the registry accepts.
 */
public final class PolicyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return PolicyRegistry.standard().names().iterator();
    }
}
