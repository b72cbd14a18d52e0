package io.tandem.app.operate;

import io.tandem.cli.Clusters;
import io.tandem.cli.SettingErrors;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.cli.StateIndexOption;
import io.tandem.ops.cutover.CheckResult;
import io.tandem.ops.cutover.Cutover;
import io.tandem.ops.cutover.CutoverMode;
import io.tandem.ops.cutover.CutoverOutcome;
import io.tandem.ops.cutover.CutoverSettings;
import io.tandem.ops.cutover.FreshnessRule;
import io.tandem.ops.cutover.LagGate;
import io.tandem.ops.cutover.Precondition;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.state.StateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem cutover}: the gated, atomic, journalled alias switch to the new index. */
@Command(name = "cutover",
        description = "Check every precondition and print each with what was measured: the aliases, the new index's "
                + "mapping against the contract, the backfill finished (its checkpoints), the last verification "
                + "passed (recent enough), optionally query parity, and the new index as fresh as the old one for "
                + "--lag-hold-for (the migration's group at or ahead of the old indexer's --old-group, or its lag "
                + "within bounds, 0 by default). Only "
                + "when none fails: move the read alias and the write alias (is_write_index) to the new index in ONE "
                + "atomic _aliases request, restore index.gc_deletes of the new index, and journal it all in the state "
                + "index for rollback. A refusal names the failing checks and exits 1; --dry-run changes nothing.")
public final class CutoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SourceAndTargetOptions clusterOptions;
    @Mixin
    ConsumerGroupOptions consumer;

    @Option(names = "--mode", defaultValue = "SAME_CLUSTER",
            description = "SAME_CLUSTER: old and new index both in the target cluster (--source-url is not used), "
                    + "the aliases move from one to the other. CROSS_CLUSTER: the old index is on the source cluster; the aliases are created on the "
                    + "target cluster and the routing change the application must make is printed (default: ${DEFAULT-VALUE}).")
    CutoverMode mode;

    @Option(names = {"--source-index", "--old-index"}, required = true,
            description = "The index the application uses now; --old-index is its former name.")
    String oldIndex;

    @Option(names = {"--target-index", "--new-index"}, required = true,
            description = "The migration's new index, on the target cluster; --new-index is its former name.")
    String newIndex;

    @Mixin
    AliasOptions aliases;

    @Option(names = "--mapping-file", required = true, paramLabel = "FILE",
            description = "The new index's contract ({\"settings\":..., \"mappings\":...}), as given to run.")
    Path mappingFile;

    @Mixin
    FreshnessOptions freshness;

    @Option(names = {"--lag-hold-for", "--lag-zero-for"}, defaultValue = "PT10S", paramLabel = "DURATION",
            description = "How long the freshness must hold, sampled every --lag-poll-interval; a sample where it "
                    + "does not starts the stretch again (default: ${DEFAULT-VALUE}).")
    Duration lagHoldFor;

    @Option(names = "--lag-timeout", defaultValue = "PT1M", paramLabel = "DURATION",
            description = "How long to wait for the freshness to hold that long before refusing (default: ${DEFAULT-VALUE}).")
    Duration lagTimeout;

    @Option(names = "--lag-poll-interval", defaultValue = "PT0.5S", paramLabel = "DURATION",
            description = "How often the offsets are sampled meanwhile (default: ${DEFAULT-VALUE}).")
    Duration lagPollInterval;

    @Mixin
    MaxResultAgeOption maxResultAge;

    @Option(names = "--require-parity", description = "Also require a passed query-parity result (state key "
            + "parity/<new index>), no older than --max-result-age.")
    boolean requireParity;

    @Option(names = "--skip-check", split = ",", paramLabel = "CHECK",
            description = "Skip these checks (mapping, backfill, verify, parity, lag), e.g. backfill after a "
                    + "REMOTE_REINDEX backfill, which keeps no checkpoints. Skipped checks are printed and journalled.")
    List<String> skipChecks = new ArrayList<>();

    @Option(names = "--make-old-read-only", description = "After the switch, set index.blocks.write on the old "
            + "index, so a writer still pointed at it fails instead of writing where nobody reads; rollback lifts it.")
    boolean makeOldReadOnly;

    @Option(names = "--dry-run", description = "Check and print the plan; change nothing, journal nothing. Exit 0 "
            + "when the cutover would go ahead, 1 when it would be refused.")
    boolean dryRun;

    @Mixin
    StateIndexOption state;

    @Override
    public Integer call() throws Exception {
        // every setting is checked before anything connects
        Clusters clusters = clusterOptions.toSettings();
        CutoverSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerLag lag = consumer.connect(); Clusters.Connected clients = clusters.connect()) {
            CutoverOutcome outcome = new Cutover(clients.target(), clients.source(),
                    new StateStore(clients.target(), state.name()), rule -> consumer.sample(lag, rule), settings).run();
            out.print(CutoverReport.render(outcome, clusters.source(), clusters.target(), state.name()));
            out.flush();
            if (outcome.kind() == CutoverOutcome.Kind.REFUSED
                    || (outcome.kind() == CutoverOutcome.Kind.DRY_RUN && !outcome.failed().isEmpty())) {
                spec.commandLine().getErr().println("tandem: cutover " + (dryRun ? "would be " : "")
                        + "refused: failing check(s): " + outcome.failed().stream().map(CheckResult::check)
                        .map(Precondition::label).collect(Collectors.joining(", ")));
                return 1;
            }
            return outcome.warnings().isEmpty() ? 0 : 1;
        }
    }

    /** The flag of each {@link CutoverSettings} component these options set. */
    static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("mode", "--mode"),
            Map.entry("oldIndex", "--source-index"), Map.entry("newIndex", "--target-index"),
            Map.entry("readAlias", "--read-alias"), Map.entry("writeAlias", "--write-alias"),
            Map.entry("contract", "--mapping-file"), Map.entry("contractName", "--mapping-file"),
            Map.entry("skipped", "--skip-check"), Map.entry("requireParity", "--require-parity"),
            Map.entry("maxResultAge", "--max-result-age"), Map.entry("makeOldReadOnly", "--make-old-read-only"),
            Map.entry("dryRun", "--dry-run"));

    /** The flag of each {@link LagGate.Settings} component. */
    static final Map<String, String> LAG_FLAGS = Map.of("holdFor", "--lag-hold-for", "timeout", "--lag-timeout",
            "pollInterval", "--lag-poll-interval");

    private CutoverSettings settings() {
        Set<Precondition> skipped = EnumSet.noneOf(Precondition.class);
        for (String check : skipChecks) {
            try {
                skipped.add(Precondition.parse(check));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--skip-check: " + e.getMessage(), e);
            }
        }
        IndexDefinition contract = IndexDefinition.load(mappingFile);
        FreshnessRule rule = freshness.rule();
        LagGate.Settings lag = SettingErrors.flagged(LAG_FLAGS, () -> new LagGate.Settings(lagHoldFor, lagTimeout,
                lagPollInterval, rule));
        return SettingErrors.flagged(FLAGS, () -> new CutoverSettings(mode, oldIndex, newIndex, aliases.readAlias(),
                aliases.writeAlias(), contract, mappingFile.toString(), skipped, requireParity, maxResultAge.value(), lag,
                makeOldReadOnly, dryRun));
    }
}
