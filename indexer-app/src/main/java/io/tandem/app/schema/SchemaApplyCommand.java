package io.tandem.app.schema;

import io.tandem.cli.CommandLines;
import io.tandem.ops.sync.ApplyReport;
import io.tandem.ops.sync.PlanRenderer;
import io.tandem.ops.sync.SyncPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema apply}: makes the target's policies, templates and indices what the plan says. */
@Command(name = "apply",
        description = "Create on the target what 'schema plan' shows, in this order: lifecycle policies, legacy "
                + "templates, component templates, composable templates, indices; print what was done. A second apply "
                + "changes nothing and says so. With a conflict nothing is changed and the exit status is 1, unless "
                + "--overwrite-conflicts is given (an index that differs beyond missing fields and aliases stays a "
                + "conflict).")
public final class SchemaApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SyncSession session;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SyncSession.Open sync = session.open()) {
            SyncPlan plan = sync.plan();
            if (!plan.conflicts().isEmpty()) {
                // the plan shows each conflict with its differences; nothing was sent
                out.print(PlanRenderer.render(plan));
                out.flush();
                spec.commandLine().getErr().println(CommandLines.NAME + ": " + plan.conflicts().size() + " conflict(s), nothing "
                        + "changed: " + plan.conflicts().stream().map(c -> c.kind().singular() + " " + c.name())
                        .collect(Collectors.joining(", ")) + " (resolve, exclude, or pass --overwrite-conflicts)");
                return CommandLines.FAILURE;
            }
            plan.notes().forEach(note -> out.println("note: " + note));
            ApplyReport report = sync.apply(plan, change -> {
                out.print(PlanRenderer.done(change));
                out.flush();
            });
            out.println(report);
            out.flush();
            return 0;
        }
    }
}
