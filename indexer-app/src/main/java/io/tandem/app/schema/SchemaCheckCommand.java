package io.tandem.app.schema;

import io.tandem.cli.CommandLines;
import io.tandem.cli.TargetOptions;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.schema.ContractResult;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.schema.MappingContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema check}: the live index against its definition file, the check the indexer runs at startup. */
@Command(name = "check",
        description = "Compare a live index (or the index behind an alias) with its definition file, the same check "
                + "'run' makes before it starts: field types, analyzers (of fields and in the analysis settings), "
                + "dynamic, and every other mapping parameter. Prints each difference ('+' only in the live index, "
                + "'-' only in the file, '~' changed: file -> live). A field that dynamic mapping added under an object "
                + "whose dynamic is true or runtime in the file (set there or inherited; true when no level sets it) is "
                + "not a difference: it is listed apart, as information. Exit 0 when they match, 1 when they differ or "
                + "the index does not exist.")
public final class SchemaCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions target;

    @Option(names = {"--target-index", "--index"}, required = true,
            description = "Index or alias to check, on the target cluster; --index is its former name.")
    String index;

    @Option(names = "--definition", required = true, paramLabel = "FILE",
            description = "The index definition kept in the repo ({\"settings\":...,\"mappings\":...}).")
    Path definition;

    @Override
    public Integer call() throws IOException {
        IndexDefinition expected = IndexDefinition.load(definition);
        ClusterSettings settings = target.toSettings();
        try (RestClient client = ClusterClients.create(settings)) {
            ContractResult result = new MappingContract(client).check(index, expected);
            spec.commandLine().getOut().println(result);
            spec.commandLine().getOut().flush();
            return result.matches() ? 0 : CommandLines.FAILURE;
        }
    }
}
