// SPDX-License-Identifier: Apache-2.0
/**
 * Command-line verbs for encoder serving: {@code ayo4j serve encoder}. The pool and the HTTP server live in
 * {@code ayo4j-encoders}; these classes only parse options and wire them.
 */
package dev.ayo4j.cli.encoder;
