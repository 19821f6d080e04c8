// SPDX-License-Identifier: Apache-2.0
/**
 * The in-process llama.cpp LLM engine: {@link dev.ayo4j.engine.llamacpp.LlamaCppEngine}, its options and
 * its {@link dev.ayo4j.spi.EngineProvider}. Synthetic test models are made in the {@code gguf}
 * sub-package; nothing here downloads models.
 */
@NullMarked
package dev.ayo4j.engine.llamacpp;

import org.jspecify.annotations.NullMarked;
