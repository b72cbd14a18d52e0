package io.tandem.app.schema;

import io.tandem.core.json.JsonMappers;
import io.tandem.core.schema.IndexDefinition;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema print}: a definition file as the body of the {@code PUT} that creates the index. */
@Command(name = "print",
        description = "Print a definition file, checked, as the JSON body of 'PUT /<index>', e.g. "
                + "curl -XPUT -H 'Content-Type: application/json' $URL/messages-v2 -d \"$(tandem schema print "
                + "--definition contracts/messages-v2.json)\".")
public final class SchemaPrintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--definition", required = true, paramLabel = "FILE",
            description = "The index definition kept in the repo ({\"settings\":...,\"mappings\":...}).")
    Path definition;

    @Override
    public Integer call() throws Exception {
        IndexDefinition loaded = IndexDefinition.load(definition);
        spec.commandLine().getOut().println(JsonMappers.PRETTY.writeValueAsString(loaded.toCreateBody()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
