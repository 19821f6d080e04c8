// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.api.AppFiles;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.plan.cost.CostModel;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by commands that build a built-in app and plan it. */
final class AppSelection {
    @Option(names = "--app", defaultValue = "advanced-rag",
            description = "Built-in app (naive-rag, advanced-rag, multi-call) or an app file (.yaml) "
                    + "")
    String app;

    @Option(names = "--passages", defaultValue = "666", description = "Passages the query indexes.")
    int passages;

    @Option(names = "--expansions", defaultValue = "3", description = "Queries the question is expanded into.")
    int expansions;

    @Option(names = "--search-k", defaultValue = "20", description = "Passages kept per search query.")
    int searchK;

    @Option(names = "--rerank-k", defaultValue = "3", description = "Passages kept after rerank.")
    int rerankK;

    @Mixin
    ContextOrderOption contextOrder;

    @Option(names = "--passes", defaultValue = "standard",
            description = "Comma-separated passes, 'standard' or 'none'.")
    String passes;

    @Option(names = "--cost-profile", description = "Properties file of measured engine cost profiles.")
    Path costProfile;

    App buildApp() {
        if (isFile()) {
            return AppFiles.load(Path.of(app));
        }
        AppOptions options = AppOptions.DEFAULT.withExpansions(expansions).withSearchK(searchK).withRerankK(rerankK)
                .withContextOrder(contextOrder.value);
        return Apps.byName(app, options);
    }

    /** Whether {@link #app} names an app file rather than a built-in app. */
    boolean isFile() {
        return AppFiles.isAppFile(app);
    }

    QueryShape shape() {
        boolean indexes = buildApp().inputs().containsValue(dev.ayo4j.primitive.ValueKind.PASSAGE_LIST);
        return QueryShape.ofPassages(indexes ? passages : 0);
    }

    List<Pass> passList() {
        return Passes.byNames(passes);
    }

    PlannerContext plannerContext() {
        CostModel model = costProfile == null ? CostModel.defaults() : CostModel.load(costProfile);
        return PlannerContext.defaults().withCostModel(model);
    }
}
