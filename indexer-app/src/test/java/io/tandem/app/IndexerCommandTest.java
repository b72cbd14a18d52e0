package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void missingSettingIsOneLineNamingItWithExitTwo() {
        int exit = run(Map.of(), "run", "--target-url", "http://localhost:9200");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: Missing required options").contains("--kafka-bootstrap", "--topic"));
    }

    @Test
    void settingFromTheEnvironmentSatisfiesARequiredOption() {
        int exit = run(Map.of("TANDEM_TOPIC", "t", "TANDEM_GROUP", "g", "TANDEM_INDEX", "i", "TANDEM_MAPPING_FILE", "m.json",
                "TANDEM_KAFKA_BOOTSTRAP", "k:1"), "run", "--target-url", "http://localhost:9200", "--version-source", "BOGUS");
        assertThat(exit).isEqualTo(2);
        // nothing is missing any more: the one error left is the bad value, named
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("--version-source").contains("BOGUS").doesNotContain("Missing"));
    }

    @Test
    void badTargetUrlIsOneLineNamingTheSetting() {
        int exit = run(Map.of(), "run", "--target-url", "ftp://nowhere", "--kafka-bootstrap", "k:1", "--topic", "t",
                "--group", "g", "--index", "i", "--mapping-file", "m.json");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: --target-url: 'ftp://nowhere' is not a base URL"));
    }

    @Test
    void badBulkSizeIsOneLineNamingTheFlag() {
        int exit = run(Map.of(), "run", "--target-url", "http://localhost:9200", "--kafka-bootstrap", "k:1", "--topic", "t",
                "--group", "g", "--index", "i", "--mapping-file", "m.json", "--bulk-max-docs", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: --bulk-max-docs: must be at least 1"));
    }

    private int run(Map<String, String> environment, String... args) {
        return IndexerCommand.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
