package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.command.CommandFormat;
import io.tandem.ops.cutover.CutoverSettings;
import io.tandem.ops.cutover.FreshnessRule;
import io.tandem.ops.cutover.LagGate;
import io.tandem.ops.parity.ParitySettings;
import io.tandem.core.sink.BulkSettings;
import io.tandem.ops.verify.VerifySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: a settings error names the flags the user typed, never the record components core validates by
 * ({@code --lag-timeout: must be at least --lag-hold-for (PT10S)}, not {@code ... at least zeroFor}). Every command
 * line runs in-process through the real picocli setup, and fails before connecting to anything.
 */
class SettingErrorsNameFlagsTest {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final Path NOT_PEM = file("not-a-certificate", ".pem", "hello");
    private static final Path EMPTY_PEM = file("no-certificate", ".pem", "");

    private static final List<String> RUN = List.of("run", "--target-url", "http://new:9200", "--kafka-bootstrap", "k:9092",
            "--topic", "t", "--group", "g", "--index", "v2", "--mapping-file", CONTRACT.toString());
    private static final List<String> VERIFY = List.of("verify", "--source-url", "http://old:9200", "--target-url",
            "http://new:9200", "--source-index", "v1", "--target-index", "v2");
    private static final List<String> PARITY = List.of("parity", "--source-url", "http://old:9200", "--target-url",
            "http://new:9200", "--source-index", "v1", "--target-index", "v2", "--queries", "queries.json");
    private static final List<String> CUTOVER = List.of("cutover", "--source-url", "http://old:9200", "--target-url",
            "http://new:9200", "--kafka-bootstrap", "k:9092", "--group", "g", "--topic", "t", "--old-index", "v1",
            "--new-index", "v2", "--read-alias", "messages", "--mapping-file", CONTRACT.toString());
    private static final List<String> ROLLBACK = List.of("rollback", "--source-url", "http://old:9200", "--target-url",
            "http://new:9200", "--read-alias", "messages");
    private static final List<String> STATUS = List.of("status", "--target-url", "http://new:9200", "--kafka-bootstrap",
            "k:9092", "--group", "g", "--topic", "t", "--new-index", "v2", "--read-alias", "messages");
    private static final List<String> SCHEMA_PLAN = List.of("schema", "plan", "--source-url", "http://old:9200",
            "--target-url", "http://new:9200");

    // one test per command: the invalid combination an operator is likeliest to type

    @Test
    void cutoverLagTimeoutBelowHoldForNamesBothFlags() {
        assertNamesFlagsOnly(with(CUTOVER, "--lag-timeout", "PT5S"),
                "--lag-timeout: must be at least --lag-hold-for (PT10S), was PT5S");
    }

    @Test
    void cutoverReadAliasNamedLikeTheNewIndexNamesTheAliasFlag() {
        assertNamesFlagsOnly(with(CUTOVER, "--read-alias", "v2"),
                "--read-alias: an alias cannot have the name of an index, was v2");
    }

    @Test
    void runIdFieldWithAnEmptyFieldNameNamesTheFlag() {
        assertNamesFlagsOnly(with(RUN, "--id-field", "meta..id"),
                "--id-field: field path 'meta..id' has an empty field name");
    }

    @Test
    void runTwoFieldFlagsOnOnePathNameBothFlags() {
        assertNamesFlagsOnly(with(RUN, "--version-field", "op"),
                "--op-field, --version-field: share the path 'op'; each field needs its own path");
    }

    @Test
    void runSwappingTwoFieldPathsIsNotRefusedHalfWay() {
        // --id-field op alone would clash with the default --op-field op; with --op-field id both are fine, and the
        // first error is the next setting checked
        Result result = run(with(RUN, "--id-field", "op", "--op-field", "id", "--bulk-max-docs", "0"));

        assertThat(result.err()).isEqualTo("tandem: --bulk-max-docs: must be at least 1, was 0");
    }

    @Test
    void runTargetApiKeyBesideAUserNamesAllThreeFlags() {
        assertNamesFlagsOnly(with(RUN, "--target-api-key", "id:key", "--target-username", "u", "--target-password", "p"),
                "--target-api-key: give either an API key or --target-username/--target-password, not both");
    }

    @Test
    void verifyUnreadableSourceCaCertificateNamesTheFlagBeforeConnecting() {
        assertNamesFlagsOnly(with(VERIFY, "--source-url", "https://old:9200", "--source-ca-cert", NOT_PEM.toString()),
                "--source-ca-cert: " + NOT_PEM + " is not a PEM certificate (...");
    }

    @Test
    void verifyZeroBulkFlushIntervalNamesTheFlag() {
        assertNamesFlagsOnly(with(VERIFY, "--bulk-flush-interval", "PT0S"),
                "--bulk-flush-interval: must be a positive duration, was PT0S");
    }

    @Test
    void parityNegativeRecheckAfterNamesTheFlag() {
        assertNamesFlagsOnly(with(PARITY, "--recheck-after=-PT1S"), "--recheck-after: must not be negative, was PT-1S");
    }

    @Test
    void rollbackSourceUsernameWithoutPasswordNamesBothFlags() {
        assertNamesFlagsOnly(with(ROLLBACK, "--source-username", "elastic"),
                "--source-username/--source-password: give both or neither");
    }

    @Test
    void statusCaCertificateForAPlainHttpClusterNamesTheFlag() {
        assertNamesFlagsOnly(with(STATUS, "--target-ca-cert", NOT_PEM.toString()),
                "--target-ca-cert: given, but no url uses https");
    }

    @Test
    void schemaPlanZeroSourceRequestTimeoutNamesTheFlag() {
        assertNamesFlagsOnly(with(SCHEMA_PLAN, "--source-request-timeout", "PT0S"),
                "--source-request-timeout: must be positive and at most 2147483647 ms, was PT0S");
    }

    @Test
    void lagWithoutGroupAndTopicNamesBothFlags() {
        // lag builds no core settings record: its only settings errors are picocli's, which name the flags
        Result result = run(List.of("lag", "--kafka-bootstrap", "k:9092"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("tandem: Missing required options: '--group=<group>', "
                + "'--topic=<topic>'");
    }

    // every message path of every settings record a tandem command builds from flags

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyReachableMessage")
    void everySettingsErrorNamesFlagsAndNoRecordComponent(String path, Class<? extends Record> record,
                                                          List<String> args, String expected, Set<String> prose) {
        assertNamesFlagsOnly(args, expected, prose, record);
    }

    static Stream<Object[]> everyReachableMessage() {
        List<Object[]> rows = new ArrayList<>();
        // ClusterSettings, through --target-* and --source-* (ClusterFlags); "urls: at least one base URL" is not
        // reachable: --target-url is required, and an empty one is an empty entry
        row(rows, ClusterSettings.class, "urls: an empty entry", with(VERIFY, "--target-url", ""),
                "--target-url: an empty entry is not a base URL");
        row(rows, ClusterSettings.class, "urls: does not parse", with(VERIFY, "--target-url", "http://new 9200"),
                "--target-url: 'http://new 9200' is not a base URL like http://host:9200: it does not parse (...");
        row(rows, ClusterSettings.class, "urls: scheme", with(VERIFY, "--target-url", "ftp://new:21"),
                "--target-url: 'ftp://new:21' is not a base URL like http://host:9200: the scheme must be http or https");
        row(rows, ClusterSettings.class, "urls: host", with(VERIFY, "--source-url", "http://:9200"),
                "--source-url: 'http://:9200' is not a base URL like http://host:9200: it names no valid host");
        row(rows, ClusterSettings.class, "urls: credentials", with(VERIFY, "--source-url", "http://u:p@old:9200"),
                "--source-url: 'http://u:***@old:9200' is not a base URL like http://host:9200: credentials belong "
                        + "in --source-username/--source-password or --source-api-key");
        row(rows, ClusterSettings.class, "urls: port", with(VERIFY, "--target-url", "http://new:70000"),
                "--target-url: 'http://new:70000' is not a base URL like http://host:9200: the port must be between 1 "
                        + "and 65535");
        row(rows, ClusterSettings.class, "urls: path", with(VERIFY, "--target-url", "http://new:9200/es"),
                "--target-url: 'http://new:9200/es' is not a base URL like http://host:9200: a base URL has no path, "
                        + "query or fragment");
        row(rows, ClusterSettings.class, "username/password", with(VERIFY, "--target-password", "secret"),
                "--target-username/--target-password: give both or neither");
        row(rows, ClusterSettings.class, "username: empty", with(VERIFY, "--source-username", "", "--source-password", "p"),
                "--source-username: must not be empty");
        row(rows, ClusterSettings.class, "apiKey: empty", with(VERIFY, "--target-api-key", " "),
                "--target-api-key: must not be empty");
        row(rows, ClusterSettings.class, "apiKey: and username/password",
                with(VERIFY, "--source-api-key", "id:key", "--source-username", "u", "--source-password", "p"),
                "--source-api-key: give either an API key or --source-username/--source-password, not both");
        row(rows, ClusterSettings.class, "caCertificate: no https", with(VERIFY, "--target-ca-cert", NOT_PEM.toString()),
                "--target-ca-cert: given, but no url uses https");
        row(rows, ClusterSettings.class, "caCertificate: cannot read",
                with(VERIFY, "--target-url", "https://new:9200", "--target-ca-cert", "missing.pem"),
                "--target-ca-cert: cannot read missing.pem (java.nio.file.NoSuchFileException: missing.pem)");
        row(rows, ClusterSettings.class, "caCertificate: not PEM",
                with(VERIFY, "--source-url", "https://old:9200", "--source-ca-cert", NOT_PEM.toString()),
                "--source-ca-cert: " + NOT_PEM + " is not a PEM certificate (...");
        row(rows, ClusterSettings.class, "caCertificate: no certificate",
                with(VERIFY, "--source-url", "https://old:9200", "--source-ca-cert", EMPTY_PEM.toString()),
                "--source-ca-cert: " + EMPTY_PEM + " holds no certificate");
        row(rows, ClusterSettings.class, "requestTimeout", with(VERIFY, "--target-request-timeout", "P30D"),
                "--target-request-timeout: must be positive and at most 2147483647 ms, was PT720H");
        row(rows, ClusterSettings.class, "connectTimeout", with(VERIFY, "--source-connect-timeout", "PT0S"),
                "--source-connect-timeout: must be positive and at most 2147483647 ms, was PT0S");

        // BulkSettings, through BulkOptions (run, verify); the backoff is not a flag
        row(rows, BulkSettings.class, "maxDocs", with(RUN, "--bulk-max-docs", "0"),
                "--bulk-max-docs: must be at least 1, was 0");
        row(rows, BulkSettings.class, "maxBytes", with(VERIFY, "--bulk-max-bytes", "2147483648"),
                "--bulk-max-bytes: must be between 1 and 1073741824, was 2147483648");
        row(rows, BulkSettings.class, "maxInFlight", with(RUN, "--bulk-in-flight", "0"),
                "--bulk-in-flight: must be at least 1, was 0");
        row(rows, BulkSettings.class, "flushInterval", with(RUN, "--bulk-flush-interval=-PT1S"),
                "--bulk-flush-interval: must be a positive duration, was PT-1S");

        // CommandFormat, through run's ReplayOptions; the op names are not flags
        row(rows, CommandFormat.class, "idField: empty field name", with(RUN, "--id-field", "meta..id"),
                "--id-field: field path 'meta..id' has an empty field name");
        row(rows, CommandFormat.class, "opField: whitespace", with(RUN, "--op-field", " op"),
                "--op-field: field path ' op' has a field name with leading or trailing whitespace");
        row(rows, CommandFormat.class, "versionField: empty", with(RUN, "--version-field", ""),
                "--version-field: field path '' has an empty field name");
        row(rows, CommandFormat.class, "docField: trailing dot", with(RUN, "--doc-field", "payload."),
                "--doc-field: field path 'payload.' has an empty field name");
        row(rows, CommandFormat.class, "shared path", with(RUN, "--doc-field", "id"),
                "--id-field, --doc-field: share the path 'id'; each field needs its own path");

        // VerifySettings
        row(rows, VerifySettings.class, "sampleSize", with(VERIFY, "--sample-size", "0"),
                "--sample-size: must be between 1 and 10000, was 0");
        row(rows, VerifySettings.class, "slices", with(VERIFY, "--full", "--slices", "-1"),
                "--slices: must be 0 (one per primary shard) or more, was -1");
        row(rows, VerifySettings.class, "concurrency", with(VERIFY, "--concurrency", "0"),
                "--concurrency: must be at least 1, was 0");
        row(rows, VerifySettings.class, "batchSize", with(VERIFY, "--batch-size", "10001"),
                "--batch-size: must be between 1 and 10000, was 10001");
        row(rows, VerifySettings.class, "settleDelay", with(VERIFY, "--settle-delay=-PT1S"),
                "--settle-delay: must be zero or positive, was PT-1S");

        // ParitySettings
        row(rows, ParitySettings.class, "timedRuns", with(PARITY, "--runs", "0"), "--runs: must be at least 1, was 0");
        row(rows, ParitySettings.class, "warmupRuns", with(PARITY, "--warmup-runs", "-1"),
                "--warmup-runs: must not be negative, was -1");
        row(rows, ParitySettings.class, "recheckAfter", with(PARITY, "--recheck-after=-PT5S"),
                "--recheck-after: must not be negative, was PT-5S");
        row(rows, ParitySettings.class, "rechecks", with(PARITY, "--rechecks", "-1"),
                "--rechecks: must not be negative, was -1");

        // LagGate.Settings, through cutover's --lag-* flags
        row(rows, LagGate.Settings.class, "holdFor", with(CUTOVER, "--lag-hold-for=-PT1S"),
                "--lag-hold-for: must be zero or positive, was PT-1S");
        row(rows, LagGate.Settings.class, "timeout", with(CUTOVER, "--lag-hold-for", "PT1M", "--lag-timeout", "PT10S"),
                "--lag-timeout: must be at least --lag-hold-for (PT1M), was PT10S");
        row(rows, LagGate.Settings.class, "pollInterval", with(CUTOVER, "--lag-poll-interval", "PT0S"),
                "--lag-poll-interval: must be positive, was PT0S");

        // FreshnessRule, through --old-group and --max-lag-*; its null check is not reachable (options give empties)
        row(rows, FreshnessRule.class, "oldGroup: blank", with(CUTOVER, "--old-group", " "),
                "--old-group: must not be blank");
        row(rows, FreshnessRule.class, "maxLagRecords", with(CUTOVER, "--max-lag-records=-1"),
                "--max-lag-records: must be zero or positive, was -1");
        row(rows, FreshnessRule.class, "maxLagTime", with(CUTOVER, "--max-lag-time=-PT1S"),
                "--max-lag-time: must be zero or a positive number of milliseconds, was PT-1S");

        // CutoverSettings; a blank --write-alias is the read alias, so "writeAlias: must not be blank" is not reachable
        row(rows, CutoverSettings.class, "oldIndex: blank", with(CUTOVER, "--old-index", " "),
                "--source-index: must not be blank");
        row(rows, CutoverSettings.class, "newIndex: blank", with(CUTOVER, "--new-index", ""),
                "--target-index: must not be blank");
        row(rows, CutoverSettings.class, "readAlias: blank", with(CUTOVER, "--read-alias", " "),
                "--read-alias: must not be blank");
        row(rows, CutoverSettings.class, "newIndex: the old index", with(CUTOVER, "--new-index", "v1"),
                "--target-index: must differ from the old index, both were v1");
        row(rows, CutoverSettings.class, "readAlias: an index", with(CUTOVER, "--read-alias", "v1"),
                "--read-alias: an alias cannot have the name of an index, was v1");
        row(rows, CutoverSettings.class, "writeAlias: an index", with(CUTOVER, "--write-alias", "v2"),
                "--write-alias: an alias cannot have the name of an index, was v2");
        row(rows, CutoverSettings.class, "skipped: aliases", with(CUTOVER, "--skip-check", "lag,aliases"),
                "--skip-check: the alias check cannot be skipped", "skipped");
        row(rows, CutoverSettings.class, "maxResultAge", with(CUTOVER, "--max-result-age", "PT0S"),
                "--max-result-age: must be positive, was PT0S");
        return rows.stream();
    }

    private static void assertNamesFlagsOnly(List<String> args, String expected) {
        assertNamesFlagsOnly(args, expected, Set.of(), ALL);
    }

    /**
     * One line on stderr, exit status not 0, exactly {@code expected} after the command name (or starting with it up
     * to a trailing "..."), starting with a flag, and no component name of {@code records} outside a flag, except
     * the {@code prose} words: component names that the message uses as English ("cannot be skipped").
     */
    @SafeVarargs
    private static void assertNamesFlagsOnly(List<String> args, String expected, Set<String> prose,
                                             Class<? extends Record>... records) {
        Result result = run(args);

        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).doesNotContain("\n");
        String message = result.err().substring("tandem: ".length());
        if (expected.endsWith("...")) {
            assertThat(message).startsWith(expected.substring(0, expected.length() - 3));
        } else {
            assertThat(message).isEqualTo(expected);
        }
        assertThat(message).matches("--[a-z][a-z-]*[:/, ].*");
        String outsideFlags = message.replaceAll("--[a-z][a-z-]*", "");
        for (Class<? extends Record> record : records) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (!prose.contains(component.getName())) {
                    assertThat(outsideFlags).as("%s names %s.%s", message, record.getSimpleName(), component.getName())
                            .doesNotContainPattern("(?<![\\w-])" + Pattern.quote(component.getName()) + "(?![\\w-])");
                }
            }
        }
    }

    /** The records the command-named tests check against. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends Record>[] ALL = new Class[] {ClusterSettings.class, BulkSettings.class,
            CommandFormat.class, VerifySettings.class, ParitySettings.class, LagGate.Settings.class,
            FreshnessRule.class, CutoverSettings.class};

    private static void row(List<Object[]> rows, Class<? extends Record> record, String path, List<String> args,
                            String expected, String... proseWords) {
        rows.add(new Object[] {record.getSimpleName() + " " + path, record, args, expected, Set.of(proseWords)});
    }

    /** {@code base} with each flag's value replaced (or the flag added); a flag without a value is added as it is. */
    private static List<String> with(List<String> base, String... flagsAndValues) {
        List<String> args = new ArrayList<>(base);
        for (int i = 0; i < flagsAndValues.length; i++) {
            String flag = flagsAndValues[i];
            boolean hasValue = !flag.contains("=") && i + 1 < flagsAndValues.length
                    && !flagsAndValues[i + 1].startsWith("--");
            int at = args.indexOf(flag);
            if (hasValue && at >= 0) {
                args.set(at + 1, flagsAndValues[++i]);
            } else if (hasValue) {
                args.add(flag);
                args.add(flagsAndValues[++i]);
            } else {
                args.add(flag);
            }
        }
        return args;
    }

    private record Result(int exit, String err) {
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IndexerCommand.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, err.toString().strip());
    }

    private static Path file(String prefix, String suffix, String content) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
