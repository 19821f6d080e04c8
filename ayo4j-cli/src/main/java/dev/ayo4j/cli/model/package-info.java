// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ayo4j model} commands: pull a GGUF file from a Hugging Face compatible hub, write a
 * synthetic one, and list the model cache. Each class only parses options and prints; the work is
 * done by {@code dev.ayo4j.models}.
 */
@NullMarked
package dev.ayo4j.cli.model;

import org.jspecify.annotations.NullMarked;
