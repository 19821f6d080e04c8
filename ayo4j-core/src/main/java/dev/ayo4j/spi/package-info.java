// SPDX-License-Identifier: Apache-2.0
/**
 * The service-provider interface between ayo4j and engines: {@link dev.ayo4j.spi.Engine},
 * {@link dev.ayo4j.spi.EngineProvider} (loaded by {@link java.util.ServiceLoader}), the values that
 * flow between primitives at run time, and the pure {@link dev.ayo4j.spi.BatchPolicy} and
 * {@link dev.ayo4j.spi.Ticker} that engine schedulers are built from.
 */
@NullMarked
package dev.ayo4j.spi;

import org.jspecify.annotations.NullMarked;
