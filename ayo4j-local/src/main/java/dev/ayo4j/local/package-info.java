// SPDX-License-Identifier: Apache-2.0
/**
 * The embedded engine stack of one machine ({@link dev.ayo4j.local.LocalStack}: llama.cpp, ONNX
 * encoders, Lucene) and the loading of a folder of documents into passages
 * ({@link dev.ayo4j.local.CorpusLoader}). Engines themselves live in their own modules.
 */
@NullMarked
package dev.ayo4j.local;

import org.jspecify.annotations.NullMarked;
