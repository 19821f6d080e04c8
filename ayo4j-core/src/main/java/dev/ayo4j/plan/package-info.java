// SPDX-License-Identifier: Apache-2.0
/**
 * The planner: {@link dev.ayo4j.plan.Rule rules} (pattern plus rewrite), composable
 * {@link dev.ayo4j.plan.Program programs}, named passes and the {@link dev.ayo4j.plan.Planner} that
 * runs them and records every step for explain output. Rules themselves live in
 * {@code dev.ayo4j.plan.rules}; cost estimates in {@code dev.ayo4j.plan.cost}.
 */
@NullMarked
package dev.ayo4j.plan;

import org.jspecify.annotations.NullMarked;
