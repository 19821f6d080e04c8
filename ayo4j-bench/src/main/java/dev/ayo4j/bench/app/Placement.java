// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Checks;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the embedded engines use this machine's cores.
 *
 * <ul>
 *   <li>{@link #PINNED}: the LLM and each encoder on threads of their own (by default one each), a stand-in
 *       for a device per engine: work of different engines overlaps without slowing each other down
 *       (more than the cores allow).</li>
 *   <li>{@link #SHARED}: as a deployment on a CPU box would run them, every engine may use every core:
 *       the LLM prefills and decodes on all of them while no encoder works, and an encoder's pass takes
 *       all of them while the LLM waits; when both work at once, the operating system shares the cores.</li>
 * </ul>
 */
public enum Placement {
    PINNED, SHARED;

    /** Threads of each engine under a placement: the LLM's and each encoder's. */
    public record Threads(int llm, int encoder) {
        public Threads {
            Checks.argument(llm > 0, "llm threads must be > 0: %s", llm);
            Checks.argument(encoder > 0, "encoder threads must be > 0: %s", encoder);
        }
    }

    /** Lower-case name, as {@code --placement} takes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The threads of each engine on a machine of {@code cores} cores; {@code pinned} gives them where this
     * placement pins them (the command's {@code --llm-threads} and {@code --encoder-threads}).
     */
    public Threads threads(Threads pinned, int cores) {
        Checks.argument(cores > 0, "cores must be > 0: %s", cores);
        return switch (this) {
            case PINNED -> pinned;
            case SHARED -> new Threads(cores, cores);
        };
    }

    /** The placement called {@code name} (any case); throws naming the known ones otherwise. */
    public static Placement of(String name) {
        for (Placement p : values()) {
            if (p.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown placement '" + name + "'; known: "
                + Arrays.stream(values()).map(Placement::label).collect(Collectors.joining(", ")));
    }

    /** Name of system (a) on this placement when it is not the run's own: {@code ayo4j-shared}. */
    public String ayo4jSystem() {
        return AppBenchmark.AYO4J + "-" + label();
    }
}
