// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.cost.CriticalPath;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ayo4j explain}: prints an app's graph before and after each optimization pass. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print an app's primitive graph before and after each optimization pass.")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    AppSelection selection;

    @Override
    public Integer call() {
        var graph = selection.buildApp().lower(selection.shape());
        var context = selection.plannerContext();
        Planner.Plan plan = new Planner(selection.passList(), context).optimize(graph);
        System.out.print(plan.explain());
        System.out.printf("%nestimated critical path: %.0f ms before, %.0f ms after (default CPU cost profiles)%n",
                CriticalPath.length(plan.input(), context.costModel()),
                CriticalPath.length(plan.result(), context.costModel()));
        return 0;
    }
}
