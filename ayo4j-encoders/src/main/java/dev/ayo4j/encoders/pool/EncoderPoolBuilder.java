// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.LengthBinLevels;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Levels;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Ticker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Validating builder of an {@link EncoderPool}; defaults are the named constants below. Members are added
 * with {@link #local} and {@link #remote}; the policy by name from {@link PolicyRegistry#standard()}.
 */
public final class EncoderPoolBuilder {
    /** Texts that may wait before {@link OverloadedException}: 4,096 (about 40 s of skewed work on 2 cores). */
    public static final int DEFAULT_CAPACITY = 4096;
    /** Re-allocation period of the binned mode: 10 s (Arlo uses 120 s on a cluster; one CPU box drifts faster). */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    /** Request timeout of a remote member: 10 s, after which its batch goes to another member. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts per text across members before it fails: 4. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** First back-off of a failed member, doubled per failure up to {@link #MAX_BACKOFF}: 250 ms. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(250);
    /** Longest back-off of a failed member: 10 s. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String name;
    private final List<Member> members = new ArrayList<>();
    private @Nullable EncoderModel meter;
    private String policy = "arlo";
    private EncoderPolicyConfig config = EncoderPolicyConfig.DEFAULT;
    private boolean binned;
    private int capacity = DEFAULT_CAPACITY;
    private Duration period = DEFAULT_PERIOD;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration backoff = DEFAULT_BACKOFF;
    private Ticker ticker = Ticker.systemTicker();

    EncoderPoolBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds an in-process member on {@code model} (one thread; give the model the intra-op threads it should
     * use). The caller keeps ownership of the model; several members may share one. The model should
     * truncate ({@code Overflow.TRUNCATE}): the pool itself refuses over-long texts when asked to.
     */
    public EncoderPoolBuilder local(EncoderModel model) {
        members.add(new LocalMember(name + "/local-" + members.size(), Objects.requireNonNull(model, "model"), false));
        return this;
    }

    /** Adds a remote member: a server speaking TEI's {@code POST /embed} and {@code GET /health} at {@code base}. */
    public EncoderPoolBuilder remote(URI base) {
        members.add(new RemoteMember(Objects.requireNonNull(base, "base"), timeout));
        return this;
    }

    /** The model whose tokenizer counts tokens; defaults to the first local member's. Required if all are remote. */
    public EncoderPoolBuilder meter(EncoderModel model) {
        this.meter = Objects.requireNonNull(model, "model");
        return this;
    }

    /** The batch policy by registry name (default {@code arlo}) and its configuration. */
    public EncoderPoolBuilder policy(String policyName, EncoderPolicyConfig policyConfig) {
        PolicyRegistry.standard().create(policyName, policyConfig); // fails now on an unknown name
        this.policy = policyName;
        this.config = Objects.requireNonNull(policyConfig, "policyConfig");
        return this;
    }

    /**
     * Arlo's binned dispatch across members (routing per text, members allocated to bins) instead of one shared
     * queue; default off. With one member both behave the same.
     */
    public EncoderPoolBuilder binned(boolean value) {
        this.binned = value;
        return this;
    }

    /** Most texts waiting; see {@link #DEFAULT_CAPACITY}. */
    public EncoderPoolBuilder capacity(int value) {
        Checks.argument(value > 0, "capacity must be > 0: %s", value);
        this.capacity = value;
        return this;
    }

    /** Re-allocation period of the binned mode; see {@link #DEFAULT_PERIOD}. */
    public EncoderPoolBuilder period(Duration value) {
        Checks.argument(!value.isNegative() && !value.isZero(), "period must be > 0: %s", value);
        this.period = value;
        return this;
    }

    /** Request timeout of remote members added after this call; see {@link #DEFAULT_TIMEOUT}. */
    public EncoderPoolBuilder timeout(Duration value) {
        Checks.argument(!value.isNegative() && !value.isZero(), "timeout must be > 0: %s", value);
        this.timeout = value;
        return this;
    }

    /** Attempts per text; see {@link #DEFAULT_MAX_ATTEMPTS}. */
    public EncoderPoolBuilder maxAttempts(int value) {
        Checks.argument(value > 0, "maxAttempts must be > 0: %s", value);
        this.maxAttempts = value;
        return this;
    }

    /** First back-off of a failed member; see {@link #DEFAULT_BACKOFF}. */
    public EncoderPoolBuilder backoff(Duration value) {
        Checks.argument(!value.isNegative() && !value.isZero(), "backoff must be > 0: %s", value);
        this.backoff = value;
        return this;
    }

    /** Time source (tests drive re-allocation with a manual ticker). */
    public EncoderPoolBuilder ticker(Ticker value) {
        this.ticker = Objects.requireNonNull(value, "ticker");
        return this;
    }

    /** Starts the pool's member threads. */
    public EncoderPool build() {
        Checks.argument(!members.isEmpty(), "encoder pool %s needs at least one member", name);
        EncoderModel m = meter;
        if (m == null) {
            for (Member member : members) {
                if (member instanceof LocalMember local) {
                    m = local.model();
                    break;
                }
            }
        }
        Checks.argument(m != null, "encoder pool %s has only remote members: give meter(model) to count tokens", name);
        BatchPolicy batchPolicy = PolicyRegistry.standard().create(policy, config);
        Levels levels = binned ? new LengthBinLevels(config.bins(), config.routing(), config.cost(), config.tokenBudget(),
                period.toNanos()) : Levels.single();
        DispatchCore.Config core = new DispatchCore.Config("encoder pool " + name, members.size(), config.maxBatch(),
                batchPolicy, levels, maxAttempts, backoff.toNanos(), MAX_BACKOFF.toNanos());
        return new EncoderPool(name, members, m, new Dispatcher(name, members, ticker, core, capacity));
    }
}
