// SPDX-License-Identifier: Apache-2.0
/**
 * End-to-end application benchmark: built-in apps (naive-rag, advanced-rag, document QA, multi-call) on
 * the embedded engines, driven one query at a time, by Poisson arrivals and in bursts, through four
 * systems on the same engines in the same run: ayo4j with every pass, ayo4j with none, a hand-written
 * sequential module chain, and LangChain4j 1.x itself, over built-in apps or apps from app files.
 * {@link dev.ayo4j.bench.app.AppBenchmark} orchestrates it, {@code LoadGenerator} drives each run and
 * meters its work ({@code WorkMeter}), {@code RunStatistics} turns runs into the report;
 * {@code bin/ayo4j bench app} prints it as tables, JSON and CSV, and plots it.
 */
@NullMarked
package dev.ayo4j.bench.app;

import org.jspecify.annotations.NullMarked;
