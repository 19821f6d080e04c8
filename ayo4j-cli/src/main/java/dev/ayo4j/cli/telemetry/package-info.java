// SPDX-License-Identifier: Apache-2.0
/** The {@code ayo4j telemetry} command: the hardware telemetry agent on the command line. */
@NullMarked
package dev.ayo4j.cli.telemetry;

import org.jspecify.annotations.NullMarked;
