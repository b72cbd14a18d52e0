package io.tandem.app.operate;

import io.tandem.cli.BulkOptions;
import io.tandem.cli.Clusters;
import io.tandem.cli.SettingErrors;
import io.tandem.cli.SliceOptions;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.cli.StateIndexOption;
import io.tandem.cli.TransformOptions;
import io.tandem.cli.VersionRuleOption;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.state.StateStore;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.ops.verify.DocumentCheck;
import io.tandem.ops.verify.IndexProbe;
import io.tandem.ops.verify.Repair;
import io.tandem.ops.verify.RepairResult;
import io.tandem.ops.verify.Verification;
import io.tandem.ops.verify.VerifyMode;
import io.tandem.ops.verify.VerifyResult;
import io.tandem.ops.verify.VerifySettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem verify}: does the new index hold transform(old document) for every document, and no more? */
@Command(name = "verify",
        description = "Compare the new index with the old one: document counts, and transform(old document) against "
                + "the new document for a random sample of ids from each side (default) or for every document "
                + "(--full). Whatever differs is checked again after --settle-delay; only what still differs counts. "
                + "Prints missing, extra and different ids with field-level differences, stores the result in the "
                + "state index for the cutover, and exits 0 only when nothing persistent differs.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SourceAndTargetOptions clusterOptions;

    @Option(names = "--source-index", required = true, description = "The old index (or alias), on the source cluster.")
    String sourceIndex;

    @Option(names = "--target-index", required = true, description = "The new index, on the target cluster.")
    String targetIndex;

    @Option(names = "--full", description = "Compare every document (sliced scrolls of both indices, in parallel) "
            + "instead of a random sample.")
    boolean full;

    @Option(names = "--sample-size", defaultValue = "1000",
            description = "Documents drawn at random from each index, 1..10000 (default: ${DEFAULT-VALUE}).")
    int sampleSize;

    @Mixin
    SliceOptions sliceOptions;

    @Option(names = "--batch-size", defaultValue = "500",
            description = "Ids per _mget request; a full scan's scroll pages are sized from each index as the "
                    + "backfill's (its --scroll-size 0) (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--settle-delay", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "Wait this long before checking a difference again: writes still in flight (consumer lag, "
                    + "refresh) are not differences (default: ${DEFAULT-VALUE}).")
    Duration settleDelay;

    @Option(names = "--ignore-array-order", description = "Compare arrays as unordered collections, e.g. after a "
            + "REMOTE_REINDEX backfill, whose Painless transform orders the tags differently from the Java one.")
    boolean ignoreArrayOrder;

    @Option(names = "--show", defaultValue = "10", description = "Mismatches listed with their field-level "
            + "differences (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--repair", description = "Mend what persistently differs: copy missing and different documents "
            + "again as the backfill does (transform, --version-rule: a newer live write still wins), and delete extra "
            + "documents (resurrected deletes) only if unchanged since read (if_seq_no). The exit status still says "
            + "whether anything differed: run verify again to confirm.")
    boolean repair;

    @Mixin
    VersionRuleOption versionRule;
    @Mixin
    TransformOptions transform;
    @Mixin
    BulkOptions bulk;
    @Mixin
    StateIndexOption state;

    @Option(names = "--json", description = "Print the stored result as JSON instead of the report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // every setting is checked before anything connects
        Clusters clusters = clusterOptions.toSettings();
        VerifySettings settings = settings();
        VersionRule versions = versionRule.parse();
        BulkSettings bulkSettings = bulk.toSettings();
        DocumentTransform documentTransform = transform.load();
        if (show < 0) {
            throw new IllegalArgumentException("--show: must be zero or positive, was " + show);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Clusters.Connected clients = clusters.connect()) {
            StateStore stateStore = new StateStore(clients.target(), state.name());
            transform.record().check(stateStore, targetIndex); // another transform would report every document
            IndexProbe old = new IndexProbe(clients.source(), sourceIndex, batchSize);
            IndexProbe fresh = new IndexProbe(clients.target(), targetIndex, batchSize);
            DocumentCheck check = new DocumentCheck(documentTransform, ignoreArrayOrder);
            VerifyResult result;
            try {
                result = new Verification(old, fresh, check, settings).run();
            } catch (IllegalArgumentException e) {
                throw SettingErrors.withFlag(e, FLAGS); // slices the clusters would read expensively
            }
            if (repair && !result.mismatches().isEmpty()) {
                RepairResult repaired = new Repair(old, fresh, check, versions, bulkSettings)
                        .run(result.mismatches());
                result = result.withRepair(repaired);
            }
            result.save(stateStore);
            out.print(json ? result.toJson().toPrettyString() + System.lineSeparator()
                    : VerifyReport.render(result, settleDelay, show));
            out.flush();
            return result.passed() ? 0 : 1;
        }
    }

    /** The flag of each {@link VerifySettings} component these options set. */
    static final Map<String, String> FLAGS = Map.of("mode", "--full", "sampleSize", "--sample-size",
            "slices", "--slices", "concurrency", "--concurrency", "batchSize", "--batch-size",
            "settleDelay", "--settle-delay", "beyondShards", "--slices-beyond-shards", "throttle", "--throttle");

    private VerifySettings settings() {
        return SettingErrors.flagged(FLAGS, () -> new VerifySettings(full ? VerifyMode.FULL : VerifyMode.SAMPLE,
                sampleSize, sliceOptions.slices(), sliceOptions.concurrency(), batchSize, settleDelay,
                sliceOptions.beyondShards(), sliceOptions.throttle()));
    }
}
