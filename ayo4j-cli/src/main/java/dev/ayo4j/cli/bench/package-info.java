/** Benchmark verbs under {@code ayo4j bench} that live outside the core CLI package: {@code bench encoder}. */
package dev.ayo4j.cli.bench;
