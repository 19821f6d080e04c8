// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

/**
 * Input an analysis left out, and why: a file that is not a complete Parquet file, a file with the wrong
 * columns, or a CSV row that does not parse.
 *
 * @param what   the file (and line, for a row)
 * @param reason why it was left out
 */
public record Skip(String what, String reason) {}
