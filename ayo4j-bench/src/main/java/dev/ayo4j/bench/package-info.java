// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmarks run as commands ({@code bin/ayo4j bench ...}) that print figures and write JSON; tests
 * never time anything. The no-op engine here serves only the overhead measurements: the runtime's
 * ({@code bench runtime}) and the server's per request ({@code bench serve}).
 */
@NullMarked
package dev.ayo4j.bench;

import org.jspecify.annotations.NullMarked;
