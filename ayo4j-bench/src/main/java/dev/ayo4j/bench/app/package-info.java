// SPDX-License-Identifier: Apache-2.0
/**
 * End-to-end application benchmark: built-in apps (naive-rag, advanced-rag, document QA, multi-call) on
 * the embedded engines, driven one query at a time, by Poisson arrivals and in bursts, through four
 * systems on the same engines in the same run: ayo4j with every pass, ayo4j with none, a hand-written
 * sequential module chain, and LangChain4j 1.x itself. {@link dev.ayo4j.bench.app.AppBenchmark} runs it;
 * {@code bin/ayo4j bench app} prints and plots the report.
 */
@NullMarked
package dev.ayo4j.bench.app;

import org.jspecify.annotations.NullMarked;
