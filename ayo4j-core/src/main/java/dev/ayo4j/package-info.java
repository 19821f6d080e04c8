// SPDX-License-Identifier: Apache-2.0
/**
 * ayo4j's root package: the exception hierarchy (one unchecked root, {@link dev.ayo4j.Ayo4jException}),
 * argument checks ({@link dev.ayo4j.Checks}) and choices picked by name ({@link dev.ayo4j.Choices}).
 * Graph, primitive, app, planner and SPI types live in sub-packages.
 */
@NullMarked
package dev.ayo4j;

import org.jspecify.annotations.NullMarked;
