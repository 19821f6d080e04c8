// SPDX-License-Identifier: Apache-2.0
/**
 * Serving benchmark ({@code bin/ayo4j bench serve}): a real production arrival trace (Azure's LLM inference
 * trace, time-scaled) replayed open-loop over loopback HTTP against {@code ayo4j serve} and against the same
 * app as a LangChain4j pipeline behind the same Helidon HTTP stack, each request an OpenAI-style streamed
 * chat completion; plus the server's own per-request overhead, measured on engines that do no work. The
 * LangChain4j pipeline, questions and statistics are {@code bench app}'s; nothing here is a benchmark of
 * engines alone.
 */
@NullMarked
package dev.ayo4j.bench.serve;

import org.jspecify.annotations.NullMarked;
