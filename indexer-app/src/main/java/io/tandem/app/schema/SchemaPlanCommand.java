package io.tandem.app.schema;

import io.tandem.cli.CommandLines;
import io.tandem.ops.sync.PlanRenderer;
import io.tandem.ops.sync.SyncPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema plan}: what apply would do, as a readable diff; changes nothing. */
@Command(name = "plan",
        description = "Show what 'schema apply' would create, update, leave alone, skip and find in conflict on the "
                + "target, with the differences; changes nothing. Exit 0 without conflicts, 1 with conflicts.")
public final class SchemaPlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SyncSession session;

    @Override
    public Integer call() {
        try (SyncSession.Open sync = session.open()) {
            SyncPlan plan = sync.plan();
            spec.commandLine().getOut().print(PlanRenderer.render(plan));
            spec.commandLine().getOut().flush();
            return plan.conflicts().isEmpty() ? 0 : CommandLines.FAILURE;
        }
    }
}
