package io.tandem.app.operate;

import io.tandem.cli.StateIndexOption;
import io.tandem.cli.TargetOptions;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.ops.cutover.AliasState;
import io.tandem.ops.cutover.AliasSwitch;
import io.tandem.ops.cutover.CheckResult;
import io.tandem.ops.cutover.CheckStatus;
import io.tandem.ops.cutover.CutoverJournal;
import io.tandem.ops.cutover.FreshnessRule;
import io.tandem.ops.cutover.LagGate;
import io.tandem.ops.cutover.Precondition;
import io.tandem.ops.cutover.Preconditions;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.ops.verify.VerifyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem status}: every phase of the migration on one screen. */
@Command(name = "status",
        description = "Show every phase of the migration into --target-index on one screen: the migration record and "
                + "index.gc_deletes; the new index against its contract; the backfill's progress (its checkpoints); "
                + "the cutover's lag check (--old-group, --max-lag-records, --max-lag-time as for cutover), measured "
                + "once; the last verification and query-parity results; where the "
                + "aliases point; the last cutover or rollback. A phase that cannot be read is shown as failing with "
                + "the reason. Exit 0 whatever the phases say.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions targetCluster;
    @Mixin
    ConsumerGroupOptions consumer;

    @Option(names = {"--target-index", "--new-index"}, required = true,
            description = "The migration's new index, on the target cluster; --new-index is its former name.")
    String newIndex;

    @Mixin
    AliasOptions aliases;

    @Option(names = "--mapping-file", paramLabel = "FILE",
            description = "The new index's contract; without it the schema phase is not checked.")
    Path mappingFile;

    @Mixin
    FreshnessOptions freshness;

    @Mixin
    MaxResultAgeOption maxResultAge;

    @Mixin
    StateIndexOption state;

    @Option(names = "--json", description = "Print the status as one JSON object.")
    boolean json;

    private FreshnessRule freshnessRule;

    @Override
    public Integer call() throws Exception {
        ClusterSettings target = targetCluster.toSettings();
        IndexDefinition contract = mappingFile == null ? null : IndexDefinition.load(mappingFile);
        freshnessRule = freshness.rule();
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerLag lag = consumer.connect(); RestClient client = ClusterClients.create(target)) {
            StatusReport report = gather(client, lag, contract);
            out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : report.render());
            out.flush();
            return 0;
        }
    }

    private StatusReport gather(RestClient client, ConsumerLag consumerLag, IndexDefinition contract)
            throws InterruptedException {
        StateStore store = new StateStore(client, state.name());
        Preconditions preconditions = new Preconditions(client, store, newIndex, maxResultAge.value());
        List<CheckResult> checks = new ArrayList<>();
        checks.add(contract == null ? new CheckResult(Precondition.MAPPING, CheckStatus.SKIPPED, "no --mapping-file given")
                : attempt(Precondition.MAPPING, () -> preconditions.mapping(contract, mappingFile.toString())));
        checks.add(attempt(Precondition.BACKFILL, preconditions::backfill));
        // the cutover's freshness rule, sampled once; the per-partition lag for --json beside it
        checks.add(new LagGate(rule -> consumer.sample(consumerLag, rule), new LagGate.Settings(Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), freshnessRule)).once(null));
        Optional<LagReport> lag = Optional.empty();
        try {
            lag = Optional.of(consumer.measure(consumerLag));
        } catch (RuntimeException e) {
            // the check above says why
        }
        checks.add(attempt(Precondition.VERIFY, preconditions::verify));
        checks.add(store.read(Preconditions.parityKey(newIndex)).isEmpty()
                ? new CheckResult(Precondition.PARITY, CheckStatus.SKIPPED, "no query-parity result stored")
                : attempt(Precondition.PARITY, preconditions::parity));
        return new StatusReport(newIndex, state.name(), checks,
                quietly(() -> store.read(MigrationRecord.keyFor(newIndex)).map(MigrationRecord::fromJson)),
                quietly(() -> new GcDeletesWindow(client).current(newIndex)),
                quietly(() -> SliceCheckpoints.progress(store, newIndex)), lag,
                quietly(() -> VerifyResult.latest(store, newIndex)),
                new AliasSwitch(client).read(AliasState.names(aliases.readAlias(), aliases.writeAlias())),
                new CutoverJournal(store, aliases.readAlias()).latest());
    }

    /** A phase that cannot be read fails with the reason, and the others are still shown. */
    private static CheckResult attempt(Precondition check, Supplier<CheckResult> evaluation) {
        try {
            return evaluation.get();
        } catch (RuntimeException e) {
            return new CheckResult(check, CheckStatus.FAIL, "cannot be read: " + e.getMessage());
        }
    }

    /** Details behind a phase: when they cannot be read, the phase's check already says why. */
    private static <T> Optional<T> quietly(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
