package dev.ayo4j.spi;

/**
 * Names of the extra input entries the runtime adds to a {@link Task} beyond its primitive's ports,
 * so that engines and the runtime agree on how prompts arrive.
 *
 * <p>For a {@code Prefill} task the inputs hold one {@code String} per template placeholder, keyed by
 * the placeholder's name (a {@code PASSAGE_LIST} already rendered as numbered context, "[1] text" with a
 * blank line between passages), the {@code warmup} {@link Signal} when the prefill is warmed, and
 * {@link #PROMPT}: the whole rendered prompt. For a {@code PartialPrefill} task, {@link #PROMPT} holds
 * the rendered prefix only, and the placeholders are those of that prefix. Engines should send
 * {@link #PROMPT} as is; the per-placeholder values are there for engines that build their own request
 * (a chat message per part, say).
 */
public final class TaskInputs {
    /**
     * Key of the rendered prompt (or prompt prefix) of a prefill task. The {@code @} keeps it apart from
     * placeholder names, which start with a letter.
     */
    public static final String PROMPT = "@prompt";

    private TaskInputs() {}
}
