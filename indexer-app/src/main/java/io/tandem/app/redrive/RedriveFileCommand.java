package io.tandem.app.redrive;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.cli.BulkOptions;
import io.tandem.cli.CommandLines;
import io.tandem.cli.TargetOptions;
import io.tandem.cli.TransformOptions;
import io.tandem.cli.VersionRuleOption;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.transform.DocumentTransform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code redrive file}: the backfill's dead-letter file, each document copied again as the backfill copies it. */
@Command(name = "file",
        description = "Copy the documents of a dead-letter file (the backfill's --dead-letter-file, or an earlier "
                + "re-drive's) into the target index again, once the cause is fixed (the mapping, the transform): "
                + "each is transformed and written with the version rule, as the backfill does, so a live write or "
                + "a delete since then still wins (stale). What fails again goes to --dead-letter-file. Prints the "
                + "counts; exit 0 only when every document was written or stale.")
public final class RedriveFileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions target;

    @Option(names = "--from-file", required = true, paramLabel = "FILE",
            description = "The dead-letter file to re-drive (NDJSON: id, stage, reason, source).")
    Path from;

    @Option(names = {"--target-index", "--index"}, required = true,
            description = "Target index or write alias; --index is its former name.")
    String index;

    @Mixin
    VersionRuleOption versionRule;
    @Mixin
    TransformOptions transformOptions;
    @Mixin
    BulkOptions bulk;

    @Option(names = "--dead-letter-file", paramLabel = "FILE", defaultValue = "redrive-dead-letters.ndjson",
            description = "Where documents that fail again go, in the same format; must differ from --from-file "
                    + "(default: ${DEFAULT-VALUE}).")
    Path deadLetterFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        VersionRule versions = versionRule.parse();
        DocumentTransform transform = transformOptions.load();
        BulkSettings bulkSettings = bulk.toSettings();
        if (!Files.isReadable(from)) {
            throw new ParameterException(spec.commandLine(), "--from-file: cannot read " + from.toAbsolutePath());
        }
        if (Files.exists(deadLetterFile) && Files.isSameFile(from, deadLetterFile)) {
            throw new ParameterException(spec.commandLine(), "--dead-letter-file: must differ from --from-file "
                    + from + ": the documents that fail again would be appended to the file being read");
        }
        PrintWriter out = spec.commandLine().getOut();
        DeadLetterFile again = new DeadLetterFile(deadLetterFile);
        again.checkWritable(); // before the first copy: a failure must have somewhere to go
        try (RestClient client = ClusterClients.create(target.toSettings());
             DeadLetterFile deadLetters = again) {
            RedriveReport report;
            try (VersionedBulkWriter writer = new VersionedBulkWriter(client, bulkSettings, new SimpleMeterRegistry(),
                    "tandem.redrive.sink")) {
                Redrive redrive = new Redrive(new CopyStep(transform, writer, deadLetters, index), versions);
                report = redrive.file(from);
            }
            out.print(report.render("Re-drive of " + from + " into " + index, deadLetters.path()));
            out.flush();
            return report.succeeded() ? 0 : CommandLines.FAILURE;
        }
    }
}
