/** Benchmark sub-commands of {@code ayo4j bench} that run apps end to end on the embedded engines. */
@NullMarked
package dev.ayo4j.cli.bench;

import org.jspecify.annotations.NullMarked;
