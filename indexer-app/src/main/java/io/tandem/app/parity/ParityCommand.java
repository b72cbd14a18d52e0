package io.tandem.app.parity;

import io.tandem.cli.Clusters;
import io.tandem.cli.SettingErrors;
import io.tandem.cli.SourceAndTargetOptions;
import io.tandem.cli.StateIndexOption;
import io.tandem.cli.TransformOptions;
import io.tandem.ops.parity.IndexSearch;
import io.tandem.ops.parity.ParityQuery;
import io.tandem.ops.parity.ParityReport;
import io.tandem.ops.parity.ParityRunner;
import io.tandem.ops.parity.ParitySettings;
import io.tandem.ops.parity.QueryFile;
import io.tandem.ops.parity.QueryResult;
import io.tandem.ops.parity.QueryTranslator;
import io.tandem.ops.parity.QueryTranslators;
import io.tandem.core.state.StateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code parity} operator command: the application's queries, old index against new, before the cutover. */
@Command(name = "parity",
        description = "Run representative queries written for the OLD index against it, and translated for the new "
                + "schema against the new index; compare total hits and ids (ordered or not), time both sides, and "
                + "report every query that differs. Exits 0 only when all agree; keeps the report in the state index "
                + "under parity/<target-index>, where cutover can require it.")
public final class ParityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    SourceAndTargetOptions clusterOptions;

    @Option(names = "--source-index", required = true,
            description = "The old index (or alias) on the source cluster that the queries were written for.")
    String sourceIndex;

    @Option(names = "--target-index", required = true,
            description = "The new index on the target cluster; name it as cutover will.")
    String targetIndex;

    @Mixin
    TransformOptions transform;

    @Option(names = "--queries", required = true, paramLabel = "FILE",
            description = "The representative queries: a JSON array or one per line, each {\"name\": ..., \"body\": "
                    + "{search request for the old index}, \"order\": ORDERED|UNORDERED} (order defaults to ORDERED).")
    Path queries;

    @Option(names = "--runs", defaultValue = "20",
            description = "Timed runs of each query on each index, for the latency percentiles (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "3",
            description = "Untimed runs of each query on each index before the timed ones (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--recheck-after", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "A query whose answers differ is asked again this much later, since both indices keep changing "
                    + "during a live migration; only a difference that persists counts. PT0S: no recheck "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration recheckAfter;

    @Option(names = "--rechecks", defaultValue = "" + ParitySettings.DEFAULT_RECHECKS,
            description = "How many times at most a query whose answers keep differing is asked again, each "
                    + "--recheck-after later. Under non-stop writes the answers may differ every time; a difference "
                    + "counts only when it is in every answer: the same id on one side only, the same order "
                    + "difference, or the same difference of totals (default: ${DEFAULT-VALUE}).")
    int rechecks;

    @Mixin
    StateIndexOption state;

    @Option(names = "--json", description = "Print the report as JSON (the document kept in the state index) instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // every setting and the whole query file are checked before anything connects
        Clusters clusters = clusterOptions.toSettings();
        ParitySettings settings = settings();
        QueryTranslator translator = QueryTranslators.forTransform(transform.name(), transform.options());
        List<ParityQuery> representative = QueryFile.read(queries);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Clusters.Connected clients = clusters.connect()) {
            StateStore stateStore = new StateStore(clients.target(), state.name());
            transform.record().check(stateStore, targetIndex); // queries translated for another format prove nothing
            AtomicInteger done = new AtomicInteger();
            ParityReport report = new ParityRunner(new IndexSearch(clients.source(), sourceIndex),
                    new IndexSearch(clients.target(), targetIndex), translator, settings)
                    .run(representative, result -> progress(err, done.incrementAndGet(), representative.size(), result));
            out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : ParityReportText.render(report));
            out.flush();
            String key = ParityReport.stateKey(targetIndex);
            stateStore.write(key, report.toJson());
            if (!json) {
                out.println("Kept as " + key + " in " + state.name() + ".");
            }
            return report.passed() ? 0 : 1;
        }
    }

    /** The flag of each {@link ParitySettings} component. */
    static final Map<String, String> FLAGS = Map.of("timedRuns", "--runs", "warmupRuns", "--warmup-runs",
            "recheckAfter", "--recheck-after", "rechecks", "--rechecks");

    private ParitySettings settings() {
        return SettingErrors.flagged(FLAGS, () -> new ParitySettings(runs, warmupRuns, recheckAfter, rechecks));
    }

    /** One line per query on stderr, so that a long run shows it is alive and --json output stays clean. */
    private static void progress(PrintWriter err, int done, int total, QueryResult result) {
        err.println("[" + done + "/" + total + "] " + result.query().name() + ": "
                + (result.passed() ? "same" : result.outcome().name()));
        err.flush();
    }
}
