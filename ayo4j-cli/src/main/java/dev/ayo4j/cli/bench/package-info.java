// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmark sub-commands of {@code ayo4j bench} that run on the embedded engines: apps end to end
 * ({@code bench app}) and encoder serving ({@code bench encoder}).
 */
@NullMarked
package dev.ayo4j.cli.bench;

import org.jspecify.annotations.NullMarked;
