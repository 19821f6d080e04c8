// SPDX-License-Identifier: Apache-2.0
/**
 * Cost estimates the planner and schedulers reason with: per-engine {@link dev.ayo4j.plan.cost.CostProfile
 * profiles} (defaults, or measured and loaded from a file) and critical-path figures.
 */
@NullMarked
package dev.ayo4j.plan.cost;

import org.jspecify.annotations.NullMarked;
