// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Engine;
import java.util.Objects;

/**
 * What the builders of the chat adapters share: the LLM engine they call and the token budget of an
 * answer when a request does not say.
 *
 * @param <B> the builder's own type, which its setters return
 */
abstract class ChatModelBuilder<B extends ChatModelBuilder<B>> {
    final Engine engine;
    int maxTokens = Ayo4jChatModel.Builder.DEFAULT_MAX_TOKENS;

    ChatModelBuilder(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** This builder, as its own type. */
    abstract B self();

    /** Most tokens generated when a request does not say. */
    public B maxTokens(int n) {
        Checks.argument(n > 0, "maxTokens must be > 0: %s", n);
        this.maxTokens = n;
        return self();
    }
}
