// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.Rule;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import dev.ayo4j.testkit.TestingEngine;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provider {@code testing-rules}, found by {@code ServiceLoader} from the test class path: a testing
 * engine, and a rule that only counts the outputs it sees, to show that providers' rules reach the
 * planner.
 */
public final class TestingRuleProvider implements EngineProvider {
    /** Nodes the rule has been shown. */
    static final AtomicInteger MATCHES = new AtomicInteger();

    @Override
    public String name() {
        return "testing-rules";
    }

    @Override
    public Engine create(EngineConfig config) {
        return TestingEngine.builder(config.name()).primitives(Set.of(Primitive.Ingest.class,
                Primitive.VectorSearch.class)).build();
    }

    @Override
    public List<Rule> rules() {
        return List.of(new Rule() {
            @Override
            public Pattern pattern() {
                return Pattern.of(Primitive.Output.class);
            }

            @Override
            public void onMatch(RuleCall call) {
                MATCHES.incrementAndGet();
            }

            @Override
            public String name() {
                return "OutputCountRule";
            }
        });
    }
}
