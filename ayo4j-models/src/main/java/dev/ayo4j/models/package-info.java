// SPDX-License-Identifier: Apache-2.0
/**
 * Where ayo4j's LLM weights come from: the local {@link dev.ayo4j.models.ModelCache} folder, downloads
 * from a Hugging Face compatible hub ({@link dev.ayo4j.models.HubDownloader}, resumable and checked
 * against the file's sha256), synthetic GGUF files made on this machine
 * ({@link dev.ayo4j.models.SyntheticModel}), and the choice among them for a run
 * ({@link dev.ayo4j.models.ModelResolver}).
 *
 * <p>Nothing here loads a model into an engine or knows about graphs; the llama.cpp engine module
 * owns GGUF reading and writing, and this package only calls it.
 */
@NullMarked
package dev.ayo4j.models;

import org.jspecify.annotations.NullMarked;
