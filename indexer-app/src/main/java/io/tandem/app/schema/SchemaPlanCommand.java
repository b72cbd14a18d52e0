package io.tandem.app.schema;

import io.tandem.cli.CommandLines;
import io.tandem.cli.ConfigFileOption;
import io.tandem.cli.SourceClusterOptions;
import io.tandem.cli.TargetClusterOptions;
import io.tandem.core.schema.sync.PlanRenderer;
import io.tandem.core.schema.sync.SyncOptions;
import io.tandem.core.schema.sync.SyncPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema plan}: what apply would do, as a readable diff; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
        description = "Show what 'schema apply' would create, update, leave alone, skip and find in conflict on the "
                + "target, with the differences; changes nothing. Exit 0 without conflicts, 1 with conflicts.")
public final class SchemaPlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigFileOption config;
    @Mixin
    SourceClusterOptions source;
    @Mixin
    TargetClusterOptions target;
    @Mixin
    SyncSelectionOptions selection;

    @Override
    public Integer call() {
        SyncOptions options = selection.toOptions();
        try (SyncClients clients = SyncClients.open(source, target)) {
            SyncPlan plan = clients.sync().plan(options);
            spec.commandLine().getOut().print(PlanRenderer.render(plan));
            spec.commandLine().getOut().flush();
            return plan.conflicts().isEmpty() ? 0 : CommandLines.FAILURE;
        }
    }
}
