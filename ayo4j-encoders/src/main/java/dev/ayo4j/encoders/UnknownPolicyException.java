// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Ayo4jException;
import java.util.Collection;

/** A batch policy was asked for by a name no registry knows; the message lists the names it does know. */
public final class UnknownPolicyException extends Ayo4jException {
    public UnknownPolicyException(String name, Collection<String> known) {
        super("no batch policy named '" + name + "'; known: " + String.join(", ", known));
    }
}
