// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

/**
 * Something a user should change, stated plainly, with the figure it comes from.
 *
 * @param text   the advice, with the figures that back it
 * @param figure the title of the chart or table in the report that shows it
 */
public record Recommendation(String text, String figure) {}
