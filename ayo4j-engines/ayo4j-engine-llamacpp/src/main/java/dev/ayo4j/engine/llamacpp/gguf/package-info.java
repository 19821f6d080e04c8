// SPDX-License-Identifier: Apache-2.0
/**
 * Synthetic GGUF models written in Java: a GGUF v3 writer and header reader, a llama-style
 * sentencepiece vocabulary with a tokenizer that agrees with llama.cpp's, random-weight models of a
 * given {@link dev.ayo4j.engine.llamacpp.gguf.ModelShape}, and deterministic chain models for exact
 * assertions. {@link dev.ayo4j.engine.llamacpp.gguf.SyntheticModels} is the entry point. Nothing here
 * loads a model; engines live in the parent package.
 */
@NullMarked
package dev.ayo4j.engine.llamacpp.gguf;

import org.jspecify.annotations.NullMarked;
