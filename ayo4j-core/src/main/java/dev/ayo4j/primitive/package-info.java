// SPDX-License-Identifier: Apache-2.0
/**
 * The closed set of task primitives ({@link dev.ayo4j.primitive.Primitive}), their typed ports and
 * value kinds, and prompt templates. Graph structure lives in {@code dev.ayo4j.graph}; how primitives
 * are executed lives in the runtime and the engines.
 */
@NullMarked
package dev.ayo4j.primitive;

import org.jspecify.annotations.NullMarked;
