package io.tandem.app.schema;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem schema}: schema sync (plan, apply) and the mapping contract (check, print). */
@Command(name = "schema",
        subcommands = {SchemaPlanCommand.class, SchemaApplyCommand.class, SchemaCheckCommand.class, SchemaPrintCommand.class},
        description = "Copies lifecycle policies, templates and index definitions from the old cluster to the new one "
                + "(plan, apply), and holds an index to its definition file (check, print).")
public final class SchemaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
