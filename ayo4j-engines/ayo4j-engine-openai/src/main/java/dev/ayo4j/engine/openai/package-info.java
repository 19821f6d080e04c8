// SPDX-License-Identifier: Apache-2.0
/**
 * LLM engine for any OpenAI-compatible HTTP server (vLLM, SGLang, llama.cpp server, Ollama):
 * {@link dev.ayo4j.engine.openai.OpenAiEngine}, its settings and its
 * {@link dev.ayo4j.spi.EngineProvider}. It serves prefills as streamed requests and prefix warm-ups
 * as one-token requests; it starts no server and downloads nothing. HTTP is
 * {@link java.net.http.HttpClient}, JSON is Jackson; nothing else belongs here.
 */
@NullMarked
package dev.ayo4j.engine.openai;

import org.jspecify.annotations.NullMarked;
