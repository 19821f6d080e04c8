// SPDX-License-Identifier: Apache-2.0
/**
 * The primitive-level dataflow graph: immutable {@link dev.ayo4j.graph.PrimitiveGraph}, its builder,
 * explicit port bindings ({@link dev.ayo4j.graph.Edge}), validation and explain text. Nothing here
 * knows how primitives run or how graphs are rewritten.
 */
@NullMarked
package dev.ayo4j.graph;

import org.jspecify.annotations.NullMarked;
