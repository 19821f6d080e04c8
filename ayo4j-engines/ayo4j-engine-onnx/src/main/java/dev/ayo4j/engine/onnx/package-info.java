// SPDX-License-Identifier: Apache-2.0
/**
 * In-process encoder engines on ONNX Runtime with Hugging Face tokenizers (DJL): an embedding engine
 * serving {@code Embed} and a rerank engine serving {@code Rerank}.
 *
 * <p>Model files are read from the {@code dev.langchain4j:langchain4j-embeddings-*} jars on the class
 * path ({@link dev.ayo4j.engine.onnx.BundledEncoder}) or from user-given ONNX and {@code tokenizer.json}
 * files. Nothing is downloaded. Both engines batch by length: texts are sorted by token count and cut
 * into forward passes under a padded-token budget, because padding short texts to a long one's length
 * is what costs on a CPU.
 *
 * <p>Native side effects: ONNX Runtime extracts its library into {@code java.io.tmpdir}; the DJL
 * tokenizer library is extracted into {@code DJL_CACHE_DIR} when that environment variable or system
 * property is set, and otherwise into {@code java.io.tmpdir/ayo4j-djl} (see
 * {@link dev.ayo4j.engine.onnx.EncoderModel}), never into the user's home folder.
 *
 * <p>Scheduling, batching across queries and planner rules do not belong here; they live in the
 * runtime and core.
 */
@NullMarked
package dev.ayo4j.engine.onnx;

import org.jspecify.annotations.NullMarked;
