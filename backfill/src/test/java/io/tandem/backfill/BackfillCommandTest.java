package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @Test
    void helpAndVersionWorkWithoutAnySetting() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--version-rule=RULE").contains("--engine=<engine>");
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Tandem 0.1.0");
    }

    @Test
    void missingSettingsAreOneLineNamingThem() {
        assertThat(run("--source-url", "http://old:9200")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: Missing required options").contains("--target-url", "--source-index"));
    }

    @Test
    void remoteReindexRefusesWhatOnlyTheScrollEngineDoes() {
        assertThat(run("--engine", "REMOTE_REINDEX", "--dry-run", "--source-url", "http://old:9200", "--target-url",
                "http://new:9200", "--source-index", "a", "--target-index", "b")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .isEqualTo("tandem: --engine REMOTE_REINDEX: --dry-run, --worker and --throttle need the SCROLL engine"));
    }

    @Test
    void remoteReindexRefusesASourceApiKeyItCannotPassOn() {
        assertThat(run("--engine", "REMOTE_REINDEX", "--source-url", "https://old:9200", "--source-api-key", "id:key",
                "--target-url", "http://new:9200", "--source-index", "a", "--target-index", "b")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: --engine REMOTE_REINDEX: the target cluster reaches the source with "
                        + "--source-username/--source-password only").doesNotContain("id:key"));
    }

    @Test
    void badVersionRuleIsOneLineNamingTheFlag() {
        assertThat(run("--version-rule", "newest", "--source-url", "http://old:9200", "--target-url", "http://new:9200",
                "--source-index", "a", "--target-index", "b")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: --version-rule: expected lowest, source-version or field:<path>"));
    }

    private int run(String... args) {
        return BackfillCommand.execute(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
    }
}
