// SPDX-License-Identifier: Apache-2.0
/**
 * JMH micro-benchmarks of the hot paths: the dispatch core's submit, tick and complete, batch policy
 * decisions, and the planner. The build compiles them; they run by hand (a shared 2-core box gives noisy
 * figures), from the shaded jar: {@code java -jar ayo4j-jmh/target/benchmarks.jar [regex]}. The end-to-end
 * figure stays {@code ayo4j bench runtime}.
 */
package dev.ayo4j.jmh;
