package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.ops.reindex.RemoteReindexSettings;
import io.tandem.core.source.ScrollSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
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
 * Issue 13: a settings error of tandem backfill names the flags the user typed, never the components of the core
 * records it builds (ScrollSettings, RemoteReindexSettings). Every command line runs in-process through the real
 * picocli setup and fails before connecting to anything.
 */
class BackfillSettingErrorsTest {

    private static final List<String> SCROLL = List.of("--source-url", "http://old:9200", "--target-url",
            "http://new:9200", "--source-index", "v1", "--target-index", "v2");
    private static final List<String> REMOTE = with(SCROLL, "--engine", "REMOTE_REINDEX");

    @Test
    void backfillScrollSizeAboveTheEngineLimitNamesTheFlag() {
        assertNamesFlagsOnly(with(SCROLL, "--scroll-size", "20000"), "--scroll-size: must be between 1 and 10000, or 0 (sized from the index), was 20000");
    }

    @Test
    void backfillNegativeSlicesNamesTheFlagInsteadOfReadingOneSlice() {
        assertNamesFlagsOnly(with(SCROLL, "--slices", "-2"),
                "--slices: must be 0 (one per primary shard) or more, was -2");
    }

    @Test
    void backfillRemoteHostWithCredentialsNamesTheSourceCredentialFlags() {
        assertNamesFlagsOnly(with(REMOTE, "--remote-host", "http://elastic:secret@old:9200"),
                "--remote-host: only scheme://host:port and a path prefix; credentials go in --source-username and "
                        + "--source-password, was 'http://elastic:***@old:9200'");
    }

    @Test
    void backfillRemoteHostTakenFromAPortlessSourceUrlSaysWhereItCameFrom() {
        assertNamesFlagsOnly(with(REMOTE, "--source-url", "http://old"), "--remote-host (default: the first "
                + "--source-url): must name a host and a port (scheme://host:port), was 'http://old'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyReachableMessage")
    void everySettingsErrorNamesFlagsAndNoRecordComponent(String path, Class<? extends Record> record,
                                                          List<String> args, String expected, Set<String> prose) {
        assertNamesFlagsOnly(args, expected, prose, record);
    }

    static Stream<Object[]> everyReachableMessage() {
        List<Object[]> rows = new ArrayList<>();
        // ScrollSettings: "slices" has its own test above; "query: must not be null" is not reachable (no --query is
        // every document)
        row(rows, ScrollSettings.class, "pageSize: negative", with(SCROLL, "--scroll-size", "-1"),
                "--scroll-size: must be between 1 and 10000, or 0 (sized from the index), was -1");
        row(rows, ScrollSettings.class, "keepAlive: zero", with(SCROLL, "--scroll-keep-alive", "PT0S"),
                "--scroll-keep-alive: must be a positive whole number of milliseconds, was PT0S");
        row(rows, ScrollSettings.class, "keepAlive: below a millisecond", with(SCROLL, "--scroll-keep-alive", "PT0.0005S"),
                "--scroll-keep-alive: must be a positive whole number of milliseconds, was PT0.0005S");
        row(rows, ScrollSettings.class, "query: a whole search body",
                with(SCROLL, "--query", "{\"query\":{\"match_all\":{}}}"), "--query: give the query clause itself, "
                        + "without the enclosing {\"query\":...}, was {\"query\":{\"match_all\":{}}}", "query");
        row(rows, ScrollSettings.class, "query: not one clause", with(SCROLL, "--query", "{\"a\":1,\"b\":2}"),
                "--query: must be one query clause such as {\"range\":{...}}, was {\"a\":1,\"b\":2}", "query");

        // RemoteReindexSettings: the credentials come from --source-username/--source-password, already checked to
        // be both or neither; the batch size and the query are --scroll-size and --query, already checked by the
        // ScrollSettings; the Painless script comes from a built-in transform and leaves _version alone
        row(rows, RemoteReindexSettings.class, "remoteHost: scheme", with(REMOTE, "--remote-host", "old:9200"),
                "--remote-host: must start with http:// or https://, was 'old:9200'");
        row(rows, RemoteReindexSettings.class, "remoteHost: not a URL", with(REMOTE, "--remote-host", "http://old 9200"),
                "--remote-host: not a URL: Illegal character in authority at index 7");
        row(rows, RemoteReindexSettings.class, "remoteHost: no port", with(REMOTE, "--remote-host", "http://old"),
                "--remote-host: must name a host and a port (scheme://host:port), was 'http://old'");
        row(rows, RemoteReindexSettings.class, "remoteHost: a query string",
                with(REMOTE, "--remote-host", "http://old:9200/?x=1"), "--remote-host: only scheme://host:port and a "
                        + "path prefix; credentials go in --source-username and --source-password, was "
                        + "'http://old:9200/?x=1'");
        row(rows, RemoteReindexSettings.class, "sourceIndex: blank", with(REMOTE, "--source-index", " "),
                "--source-index: must not be blank");
        row(rows, RemoteReindexSettings.class, "targetIndex: blank", with(REMOTE, "--target-index", ""),
                "--target-index: must not be blank");

        // BackfillJob.Settings names its flag itself
        row(rows, BackfillJob.Settings.class, "concurrency", with(SCROLL, "--concurrency", "0"),
                "--concurrency: must be at least 1, was 0");
        row(rows, BackfillJob.Settings.class, "sourceOutage", with(SCROLL, "--source-outage", "-PT1S"),
                "--source-outage: must be zero or positive, was PT-1S");
        return rows.stream();
    }

    @SafeVarargs
    private static void assertNamesFlagsOnly(List<String> args, String expected, Set<String> prose,
                                             Class<? extends Record>... records) {
        StringWriter err = new StringWriter();
        int exit = BackfillCommand.execute(args.toArray(String[]::new), Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintWriter(err, true));

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip()).doesNotContain("\n").isEqualTo("tandem: " + expected);
        assertThat(expected).matches("--[a-z][a-z-]*[:/, ].*");
        String outsideFlags = expected.replaceAll("--[a-z][a-z-]*", "");
        for (Class<? extends Record> record : records) {
            for (RecordComponent component : record.getRecordComponents()) {
                if (!prose.contains(component.getName())) {
                    assertThat(outsideFlags).as("%s names %s.%s", expected, record.getSimpleName(), component.getName())
                            .doesNotContainPattern("(?<![\\w-])" + Pattern.quote(component.getName()) + "(?![\\w-])");
                }
            }
        }
    }

    private static void assertNamesFlagsOnly(List<String> args, String expected) {
        assertNamesFlagsOnly(args, expected, Set.of(), ScrollSettings.class, RemoteReindexSettings.class,
                BackfillJob.Settings.class);
    }

    private static void row(List<Object[]> rows, Class<? extends Record> record, String path, List<String> args,
                            String expected, String... prose) {
        rows.add(new Object[] {record.getSimpleName() + " " + path, record, args, expected, Set.of(prose)});
    }

    /** {@code base} with each flag's value replaced, or the flag and its value added. */
    private static List<String> with(List<String> base, String... flagsAndValues) {
        List<String> args = new ArrayList<>(base);
        for (int i = 0; i < flagsAndValues.length; i += 2) {
            int at = args.indexOf(flagsAndValues[i]);
            if (at >= 0) {
                args.set(at + 1, flagsAndValues[i + 1]);
            } else {
                args.add(flagsAndValues[i]);
                args.add(flagsAndValues[i + 1]);
            }
        }
        return args;
    }
}
