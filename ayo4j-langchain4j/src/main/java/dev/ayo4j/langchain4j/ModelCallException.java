// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Ayo4jException;

/** A LangChain4j model call that an ayo4j engine could not serve; the message names the engine and task. */
public final class ModelCallException extends Ayo4jException {
    public ModelCallException(String message) {
        super(message);
    }

    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
