// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Checks;
import dev.ayo4j.Choices;

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
 *   <li>{@link #SPLIT}: the LLM processes prompts on every core but decodes on the cores the encoders
 *       leave it (one on two cores), and its threads sleep rather than busy-wait when out of work: a
 *       prefill, which no encoder work runs beside in one query's critical path, gets the whole machine,
 *       and a decode leaves the encoders (pinned threads each) a core of their own.</li>
 * </ul>
 */
public enum Placement {
    PINNED, SHARED, SPLIT;

    /**
     * Threads of each engine under a placement.
     *
     * @param llm      the LLM's threads that decode
     * @param llmBatch the LLM's threads that process prompts
     * @param llmPolls whether the LLM's threads busy-wait for work (llama.cpp's default) rather than sleep
     * @param encoder  each encoder's threads
     */
    public record Threads(int llm, int llmBatch, boolean llmPolls, int encoder) {
        public Threads {
            Checks.argument(llm > 0, "llm threads must be > 0: %s", llm);
            Checks.argument(llmBatch > 0, "llm batch threads must be > 0: %s", llmBatch);
            Checks.argument(encoder > 0, "encoder threads must be > 0: %s", encoder);
        }

        /** {@code llm} threads decoding and processing prompts, polling as llama.cpp does by default. */
        public Threads(int llm, int encoder) {
            this(llm, llm, true, encoder);
        }

        /** The LLM's threads in words: {@code LLM 1 thread(s) decoding, 2 for prompts, not polling}. */
        public String describeLlm() {
            return llm == llmBatch && llmPolls ? "LLM " + llm + " thread(s)"
                    : "LLM " + llm + " thread(s) decoding, " + llmBatch + " for prompts, "
                            + (llmPolls ? "polling" : "not polling");
        }
    }

    /** Lower-case name, as {@code --placement} takes it. */
    public String label() {
        return Choices.lowerCase(this);
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
            case SPLIT -> new Threads(Math.max(1, cores - pinned.encoder()), cores, false, pinned.encoder());
        };
    }

    /** The placement called {@code name} (any case); throws naming the known ones otherwise. */
    public static Placement of(String name) {
        return Choices.byName("placement", name, Placement.class);
    }

    /** Name of system (a) on this placement when it is not the run's own: {@code ayo4j-shared}. */
    public String ayo4jSystem() {
        return AppBenchmark.AYO4J + "-" + label();
    }
}
