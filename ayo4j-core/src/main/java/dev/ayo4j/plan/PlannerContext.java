// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.plan.cost.CostModel;
import java.util.Objects;

/**
 * What rules may consult while they plan: the cost model (per-engine profiles and batch limits), and
 * whether to validate the graph after every rule firing (on in tests; cheap enough to leave on).
 */
public record PlannerContext(CostModel costModel, boolean validateEachStep) {
    public PlannerContext {
        Objects.requireNonNull(costModel, "costModel");
    }

    /** Default cost profiles, validation after every step. */
    public static PlannerContext defaults() {
        return new PlannerContext(CostModel.defaults(), true);
    }

    public PlannerContext withCostModel(CostModel model) {
        return new PlannerContext(model, validateEachStep);
    }
}
