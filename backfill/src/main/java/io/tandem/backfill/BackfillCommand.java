package io.tandem.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.backfill.progress.Progress;
import io.tandem.cli.BulkOptions;
import io.tandem.cli.Clusters;
import io.tandem.cli.CommandLines;
import io.tandem.cli.EffectiveSettings;
import io.tandem.cli.SettingErrors;
import io.tandem.cli.SliceOptions;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.cli.StateIndexOption;
import io.tandem.cli.StatusServer;
import io.tandem.cli.TransformOptions;
import io.tandem.cli.VersionRuleOption;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.json.JsonMappers;
import io.tandem.ops.reindex.RemoteReindexSettings;
import io.tandem.core.sink.BulkLoadTuning;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.TuningSettings;
import io.tandem.core.source.ScrollSettings;
import io.tandem.core.source.ScrollSlicing;
import io.tandem.core.state.StateStore;
import io.tandem.core.transform.DocumentTransform;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The backfill: copies every document of the old index into the new one, transformed, in one version space. */
@Command(name = "backfill", version = "Tandem 0.1.0",
        description = "Copies every document of an index in the old cluster into the new one, transformed, while the "
                + "consumer replays live commands into the same index: sliced scroll, versioned _bulk (version 0 by "
                + "default, so live writes win and deletes stay deleted), resumable within a slice. Exit 0 only when "
                + "nothing failed.")
public final class BackfillCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);
    private static final ObjectMapper JSON = JsonMappers.PLAIN;

    @Spec
    CommandSpec spec;
    @Mixin
    SourceAndTargetOptions clusterOptions;

    /** Which machinery copies the documents. */
    enum Engine { SCROLL, REMOTE_REINDEX }

    @Option(names = "--engine", defaultValue = "SCROLL",
            description = "SCROLL: Tandem reads the old cluster (sliced scroll) and writes the new one, with any Java "
                    + "transform, checkpoints, workers, throttle, dry run. REMOTE_REINDEX: the new cluster pulls with "
                    + "reindex-from-remote; one stream, no checkpoints, Painless transforms only (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--remote-host", paramLabel = "URL",
            description = "REMOTE_REINDEX: the old cluster's URL as the new cluster reaches it; must be on its "
                    + "reindex.remote allowlist (default: the first --source-url).")
    String remoteHost;

    @Option(names = "--source-index", required = true, description = "Index (or alias) to copy from the old cluster.")
    String sourceIndex;

    @Option(names = "--target-index", required = true, description = "Index or write alias to copy into.")
    String targetIndex;

    @Option(names = "--query", paramLabel = "JSON|@FILE",
            description = "Copy only the documents matching this query clause, e.g. {\"range\":{\"createdAt\":{\"gte\":\"2024-01-01\"}}}.")
    String query;

    @Mixin
    SliceOptions sliceOptions;

    @Option(names = "--scroll-size", defaultValue = "" + ScrollSettings.DEFAULT_PAGE_SIZE, description = "Documents per "
            + "scroll page, at most 10000; 0 = as many as fit in about 4 MiB of the index's store, at most 5000 (fewer "
            + "pages cost the old cluster less: measured 1.7 CPU-s with 5000 against 4.3 with 1000), or 1000 where its "
            + "stats cannot be read; REMOTE_REINDEX: 0 = 1000 (default: ${DEFAULT-VALUE}).")
    int scrollSize;

    @Option(names = "--scroll-keep-alive", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "How long the old cluster keeps a scroll between pages (default: ${DEFAULT-VALUE}).")
    Duration keepAlive;

    @Option(names = "--source-outage", defaultValue = "PT5M", paramLabel = "DURATION", description = "How long the "
            + "old cluster may be down or refusing (429, 5xx) before a slice fails, its requests retried meanwhile; "
            + "a slice whose scroll expired then is read again from its last checkpoint (default: ${DEFAULT-VALUE}).")
    Duration sourceOutage;

    @Option(names = "--checkpoint-every", defaultValue = "10000", paramLabel = "DOCS", description = "Checkpoint "
            + "each slice about every this many documents, so a rerun reads only what was not copied yet: the slice is "
            + "counted in _seq_no ranges of that size (at most 1,000 per slice) as it is read, and each range whose "
            + "documents are all copied is checkpointed. Costs the old cluster nothing on a first reading; a rerun "
            + "reads the ranges left, filtered by _seq_no. 0 = checkpoint whole slices only (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--worker", defaultValue = "0/1", paramLabel = "i/n",
            description = "Copy the share i of n workers (slices s with s mod n = i), e.g. a Kubernetes Indexed Job (default: ${DEFAULT-VALUE}).")
    String worker;

    @Mixin
    VersionRuleOption versionRule;
    @Mixin
    TransformOptions transform;
    @Mixin
    BulkOptions bulk;

    @Option(names = "--tune", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Tune the target for bulk loading while copying (refresh off, replicas 0) and restore it "
                    + "afterwards, also on failure; --no-tune leaves it alone (default: ${DEFAULT-VALUE}).")
    boolean tune;

    @Option(names = "--tune-translog-async", description = "Also set index.translog.durability=async while copying. "
            + "Faster, but the live consumer writes into the same index: a node crash would lose up to 5 s of "
            + "acknowledged writes whose offsets are committed, and the migration would have to start over. Off by default.")
    boolean translogAsync;

    @Option(names = "--restore-tuning", description = "Only restore the target's settings saved by an earlier run, then exit.")
    boolean restoreTuningOnly;

    @Option(names = "--dry-run", description = "Read, transform and validate every document against the target's mapping "
            + "(in a scratch index), write nothing to the target, and report what would fail.")
    boolean dryRun;

    @Option(names = "--standalone", description = "Copy without a live consumer in this migration (nothing deletes "
            + "while it runs): skip the check that the consumer recorded the migration and raised index.gc_deletes. "
            + "Beside a consumer never use it: a copy could resurrect a delete.")
    boolean standalone;

    @Option(names = "--dead-letter-file", defaultValue = "backfill-dead-letters.ndjson", paramLabel = "FILE",
            description = "Documents that failed for good, one JSON line each: id, stage, reason, source (default: ${DEFAULT-VALUE}).")
    Path deadLetterFile;

    @Mixin
    StateIndexOption stateIndex;

    @Option(names = "--progress", defaultValue = "AUTO",
            description = "AUTO (a bar on a terminal, log lines otherwise), BAR, LOG or NONE (default: ${DEFAULT-VALUE}).")
    Progress.Mode progressMode;

    @Option(names = "--status-port", defaultValue = "-1",
            description = "Serve /metrics, /health, /ready on this port while running; -1 = off (default: ${DEFAULT-VALUE}).")
    int statusPort;

    private final PrintStream out;

    public BackfillCommand(PrintStream out) {
        this.out = out;
    }

    /** The backfill alone, as tests start it in a child JVM; users run it as {@code tandem backfill}. */
    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintWriter err) {
        return CommandLines.executeAlone(new BackfillCommand(out), args, environment,
                new PrintWriter(out, true), err);
    }

    @Override
    public Integer call() throws Exception {
        // every setting is checked before anything connects
        Clusters clusters = clusterOptions.toSettings();
        ClusterSettings from = clusters.source();
        ClusterSettings to = clusters.target();
        BulkSettings bulkSettings = bulk.toSettings();
        DocumentTransform documentTransform = transform.load();
        BackfillJob.Settings job = new BackfillJob.Settings(sourceIndex, targetIndex, scrollSettings(), sourceOutage,
                checkpointEvery, sliceOptions.concurrency(), sliceOptions.throttle(), WorkerShare.parse(worker), versionRule.parse(),
                tuning(), dryRun, Duration.ofSeconds(5));
        RemoteReindexSettings remote = engine == Engine.REMOTE_REINDEX ? remoteReindexSettings(from, job.scroll()) : null;
        LOG.info("starting with {}", EffectiveSettings.describe(spec));

        if (engine == Engine.REMOTE_REINDEX) {
            try (RestClient target = ClusterClients.create(to)) {
                transform.record().recordOrCheck(new StateStore(target, stateIndex.name()), targetIndex);
                return new RemoteReindexCopy(target, out).run(remote);
            }
        }
        try (RestClient source = ClusterClients.create(from); RestClient target = ClusterClients.create(to)) {
            // before anything is written: a slice count the old cluster reads expensively is refused here
            ScrollSettings requested = job.scroll();
            job = job.withScroll(SettingErrors.flagged(SCROLL_FLAGS,
                    () -> ScrollSlicing.resolve(source, sourceIndex, requested)));
            LOG.info("reading {} in {} slices", sourceIndex, job.scroll().slices());
            StateStore state = new StateStore(target, stateIndex.name());
            if (restoreTuningOnly) {
                var restored = new BulkLoadTuning(target, state).restore(targetIndex);
                out.println(restored.isEmpty() ? "nothing to restore on " + targetIndex : "restored on " + targetIndex + ": " + restored);
                return 0;
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DeadLetterFile checked = new DeadLetterFile(deadLetterFile);
            checked.checkWritable(); // before the first copy: a failure must have somewhere to go
            if (dryRun) {
                transform.record().check(state, targetIndex);
            } else {
                new BackfillGuard(target, state).check(targetIndex, standalone);
                transform.record().recordOrCheck(state, targetIndex);
            }
            try (DeadLetterFile deadLetters = checked;
                 Progress progress = Progress.create(progressMode, out);
                 StatusServer status = statusPort < 0 ? null : new StatusServer(statusPort, registry, () -> true, () -> true)) {
                BackfillJob backfill = new BackfillJob(source, target, job, documentTransform, bulkSettings, registry,
                        state, deadLetters, progress);
                CountDownLatch reported = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    // SIGTERM / Ctrl-C: stop copying, restore the target, print the report; the JVM exits after
                    backfill.cancel();
                    try {
                        reported.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "backfill-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                BackfillReport report;
                try {
                    report = backfill.run();
                    out.print(report.render());
                    out.flush();
                } finally {
                    reported.countDown();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for us, and the JVM exits after it
                }
                return report.exitCode();
            }
        }
    }

    /** The flag of each {@link ScrollSettings} component these options set; the versions follow --version-rule. */
    static final Map<String, String> SCROLL_FLAGS = Stream.concat(Map.of("pageSize", "--scroll-size",
            "keepAlive", "--scroll-keep-alive", "query", "--query").entrySet().stream(),
            SliceOptions.FLAGS.entrySet().stream()).collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
            Map.Entry::getValue));

    /** The flag of each {@link RemoteReindexSettings} component; the credentials are the source cluster's. */
    static final Map<String, String> REMOTE_REINDEX_FLAGS = Map.of("remoteHost", "--remote-host",
            "username", "--source-username", "password", "--source-password", "sourceIndex", "--source-index",
            "targetIndex", "--target-index", "size", "--scroll-size", "query", "--query", "painlessScript", "--transform");

    private RemoteReindexSettings remoteReindexSettings(ClusterSettings from, ScrollSettings scroll) {
        if (dryRun || !"0/1".equals(worker.trim()) || sliceOptions.throttle() != 0) {
            throw new IllegalArgumentException("--engine REMOTE_REINDEX: --dry-run, --worker and --throttle need the SCROLL engine");
        }
        if (from.apiKey() != null || from.clientCertificate() != null) {
            // the target cluster reads the source itself: _reindex's remote block carries a user and password only
            throw new IllegalArgumentException("--engine REMOTE_REINDEX: the target cluster reaches the source with "
                    + "--source-username/--source-password only, not an API key or a client certificate (its TLS is "
                    + "the target's reindex.ssl.* settings); use the SCROLL engine");
        }
        Optional<String> script = RemoteReindexCopy.painless(transform.name(), transform.options());
        Map<String, String> flags = new HashMap<>(REMOTE_REINDEX_FLAGS);
        if (remoteHost == null) {
            flags.put("remoteHost", "--remote-host (default: the first --source-url)");
        }
        return SettingErrors.flagged(flags, () -> new RemoteReindexSettings(
                remoteHost != null ? remoteHost : from.urls().get(0), Optional.ofNullable(from.username()),
                Optional.ofNullable(from.password()), sourceIndex, targetIndex,
                scrollSize == ScrollSettings.AUTO_PAGE_SIZE ? RemoteReindexSettings.DEFAULT_SIZE : scrollSize, scroll.query(),
                script));
    }

    private TuningSettings tuning() {
        if (!tune) {
            return TuningSettings.none();
        }
        TuningSettings bulkLoad = TuningSettings.bulkLoad();
        // durability of the live consumer's writes outranks speed unless asked
        return translogAsync ? bulkLoad : new TuningSettings(bulkLoad.refreshInterval(), bulkLoad.replicas(), Optional.empty());
    }

    private ScrollSettings scrollSettings() throws IOException {
        Optional<ObjectNode> clause = Optional.empty();
        if (query != null && !query.isBlank()) {
            String text = query.startsWith("@") ? Files.readString(Path.of(query.substring(1))) : query;
            try {
                clause = Optional.of((ObjectNode) JSON.readTree(text));
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException("--query: not a JSON object: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        Optional<ObjectNode> query = clause;
        return SettingErrors.flagged(SCROLL_FLAGS, () -> new ScrollSettings(sliceOptions.slices(), scrollSize, keepAlive,
                query, false, sliceOptions.beyondShards(), Optional.empty()));
    }
}
