// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import dev.ayo4j.encoders.UnknownPolicyException;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.BatchPolicy;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The one name → factory registry of batch policies, so the encoder pool, {@code serve encoder},
 * {@code bench encoder} and the simulators select them by name, and {@code --help} and
 * {@link UnknownPolicyException} list the same names (in the manner of Caffeine's simulator
 * {@code Registry}). Immutable; {@link #with} returns a copy. Every policy but Arlo's is built by the
 * runtime's {@link BatchPolicies}; Arlo's needs this module's bins, routing and cost profile.
 *
 * <p>{@link #standard()} holds:
 * <ul>
 *   <li>{@code one-at-a-time}: one text per run, one run at a time per engine slot;</li>
 *   <li>{@code fifo-fixed}: arrival order, fixed count {@code maxBatch}: the runtime's work-conserving policy
 *       without a token budget (dispatch at once on an idle engine, else wait up to {@code maxWait} for a full
 *       batch);</li>
 *   <li>{@code fifo-token-budget}: Hugging Face TEI, arrival order within a padded-token budget, rows ×
 *       longest text ({@link BatchPolicies#paddedTokenBudget}; not {@link BatchPolicies#summedTokenBudget});</li>
 *   <li>{@code sorted-window}: Infinity, a window sorted by length cut into fixed-count batches
 *       ({@link BatchPolicies#sortedWindow});</li>
 *   <li>{@code arlo}: length bins, congestion-aware demotion, budget and cost gate inside a bin;</li>
 *   <li>{@code arlo-budget}: {@code arlo} without the cost gate (padding limited only by the bins).</li>
 * </ul>
 */
public final class PolicyRegistry {
    private static final PolicyRegistry STANDARD = new PolicyRegistry(Map.of())
            .with("one-at-a-time", _ -> BatchPolicies.maxBatch(1))
            .with("fifo-fixed", c -> BatchPolicies.workConserving(c.maxBatch(), Duration.ofNanos(c.maxWaitNanos())))
            .with("fifo-token-budget", c -> BatchPolicies.paddedTokenBudget(c.tokenBudget(), c.maxBatch(),
                    Duration.ofNanos(c.maxWaitNanos())))
            .with("sorted-window", c -> BatchPolicies.sortedWindow(c.maxBatch(), c.window(),
                    Duration.ofNanos(c.maxWaitNanos())))
            .with("arlo", c -> arlo(c))
            .with("arlo-budget", c -> arlo(c.withCostGate(false)));

    private final Map<String, Function<EncoderPolicyConfig, BatchPolicy>> factories;

    private PolicyRegistry(Map<String, Function<EncoderPolicyConfig, BatchPolicy>> factories) {
        this.factories = factories;
    }

    /** The built-in encoder policies, in the order listed above. */
    public static PolicyRegistry standard() {
        return STANDARD;
    }

    /** Arlo's policy for {@code config}. */
    public static BatchPolicy arlo(EncoderPolicyConfig config) {
        return new ArloPolicy(config.bins(), config.tokenBudget(), config.maxBatch(), config.maxWaitNanos(),
                config.routing(), config.scanLimit(), config.cost(), config.costGate());
    }

    /** A copy with {@code name} bound to {@code factory} (replacing any earlier binding). */
    public PolicyRegistry with(String name, Function<EncoderPolicyConfig, BatchPolicy> factory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Map<String, Function<EncoderPolicyConfig, BatchPolicy>> copy = new LinkedHashMap<>(factories);
        copy.put(name, factory);
        return new PolicyRegistry(Collections.unmodifiableMap(copy));
    }

    /** Registered names in registration order. */
    public Set<String> names() {
        return factories.keySet();
    }

    /** A new policy {@code name} configured by {@code config}; throws {@link UnknownPolicyException}. */
    public BatchPolicy create(String name, EncoderPolicyConfig config) {
        Function<EncoderPolicyConfig, BatchPolicy> factory = factories.get(name);
        if (factory == null) {
            throw new UnknownPolicyException(name, factories.keySet());
        }
        return factory.apply(Objects.requireNonNull(config, "config"));
    }
}
