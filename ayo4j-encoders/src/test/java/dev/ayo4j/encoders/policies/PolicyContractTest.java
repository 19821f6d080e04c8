// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.testkit.AbstractBatchPolicyContractTest;
import org.junit.jupiter.api.Nested;

/** Every registered encoder policy passes the batch-policy contract kit. */
class PolicyContractTest {
    private static final EncoderPolicyConfig CONFIG = EncoderPolicyConfig.DEFAULT.withMaxBatch(8).withMaxWaitNanos(
            2_000_000);

    abstract static class Registered extends AbstractBatchPolicyContractTest {
        abstract String name();

        @Override
        protected BatchPolicy createPolicy() {
            return PolicyRegistry.standard().create(name(), CONFIG);
        }

        @Override
        protected int maxBatch() {
            return CONFIG.maxBatch();
        }
    }

    @Nested
    class OneAtATime extends Registered {
        @Override
        String name() {
            return "one-at-a-time";
        }
    }

    @Nested
    class FifoFixed extends Registered {
        @Override
        String name() {
            return "fifo-fixed";
        }
    }

    @Nested
    class FifoTokenBudget extends Registered {
        @Override
        String name() {
            return "fifo-token-budget";
        }
    }

    @Nested
    class SortedWindow extends Registered {
        @Override
        String name() {
            return "sorted-window";
        }
    }

    @Nested
    class Arlo extends Registered {
        @Override
        String name() {
            return "arlo";
        }
    }

    @Nested
    class ArloBudget extends Registered {
        @Override
        String name() {
            return "arlo-budget";
        }
    }
}
