// SPDX-License-Identifier: Apache-2.0
/**
 * User-level apps: {@link dev.ayo4j.app.Module modules} over named values, the
 * {@link dev.ayo4j.app.App} builder that checks them, the built-in apps, and
 * {@link dev.ayo4j.app.Lowering} to a primitive graph per query. Optimization belongs to
 * {@code dev.ayo4j.plan}, not here.
 */
@NullMarked
package dev.ayo4j.app;

import org.jspecify.annotations.NullMarked;
