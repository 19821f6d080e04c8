// SPDX-License-Identifier: Apache-2.0
/**
 * The planner's core rules, one final class per rule, each configured by a nested {@code Config}
 * record; {@link dev.ayo4j.plan.rules.CoreRules} holds the named default instances that
 * {@code dev.ayo4j.plan.Passes} composes into passes.
 */
@NullMarked
package dev.ayo4j.plan.rules;

import org.jspecify.annotations.NullMarked;
