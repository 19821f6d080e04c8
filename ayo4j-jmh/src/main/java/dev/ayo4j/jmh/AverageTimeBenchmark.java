// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark here runs with, which JMH reads from a benchmark's superclass: the average time
 * of one call in nanoseconds (a subclass may name another unit with its own {@link OutputTimeUnit}), three
 * one-second warm-up iterations then five measured ones, in one fork, with state per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class AverageTimeBenchmark {
    /** For subclasses. */
    protected AverageTimeBenchmark() {}
}
