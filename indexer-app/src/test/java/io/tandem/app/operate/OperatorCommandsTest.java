package io.tandem.app.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.operate.MigrationUnderTest.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The operator commands' settings errors, and the lag arithmetic, without any engine. */
class OperatorCommandsTest {

    @Test
    void aPartitionTheGroupNeverCommittedLagsFromItsLogStart() {
        LagReport report = new LagReport("g", "t", List.of(new PartitionLag(0, OptionalLong.of(5), 0, 5),
                new PartitionLag(1, OptionalLong.empty(), 40, 47), new PartitionLag(2, OptionalLong.of(3), 2, 10)),
                Instant.EPOCH);

        assertThat(report.partitions()).extracting(PartitionLag::lag).containsExactly(0L, 7L, 7L);
        assertThat(report.total()).isEqualTo(14);
        assertThat(report.summary()).isEqualTo("14 (p0 0, p1 7, p2 7)");
    }

    @Test
    void cutoverWithoutItsRequiredSettingsIsOneLineWithExitTwo() {
        Result result = MigrationUnderTest.run(List.of("cutover", "--target-url", "http://localhost:9200"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: Missing required options")
                .contains("--source-index", "--target-index", "--read-alias", "--mapping-file", "--group", "--topic"));
    }

    @Test
    void aClusterThatCannotBeReachedIsOneLineWithExitThree() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        String nowhere = "http://127.0.0.1:" + closed;
        Result result = MigrationUnderTest.run(List.of("verify", "--source-url", nowhere, "--target-url", nowhere,
                "--source-index", "messages-v1", "--target-index", "messages-v2"));

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("tandem: ").contains("Connection refused"));
    }

    @Test
    void anUnknownOrUnskippableCheckToSkipIsOneLineNamingTheFlag() {
        Result unknown = MigrationUnderTest.run(cutover("--skip-check", "lag,lags"));
        Result aliases = MigrationUnderTest.run(cutover("--skip-check", "aliases"));

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().isEqualTo("tandem: --skip-check: unknown check "
                + "'lags'; valid: mapping, backfill, verify, parity, lag");
        assertThat(aliases.exit()).isEqualTo(2);
        assertThat(aliases.err().lines()).singleElement()
                .isEqualTo("tandem: --skip-check: the alias check cannot be skipped");
    }

    @Test
    void aLagTimeoutShorterThanTheStretchIsOneLineNamingTheFlag() {
        Result result = MigrationUnderTest.run(cutover("--lag-hold-for", "PT1M", "--lag-timeout", "PT10S"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .isEqualTo("tandem: --lag-timeout: must be at least --lag-hold-for (PT1M), was PT10S"));
    }

    @Test
    void aSampleTooLargeForTheEnginesIsOneLineNamingTheFlag() {
        Result result = MigrationUnderTest.run(List.of("verify", "--source-url", "http://old:9200", "--target-url",
                "http://new:9200", "--source-index", "a", "--target-index", "b", "--sample-size", "20000"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement()
                .isEqualTo("tandem: --sample-size: must be between 1 and 10000, was 20000");
    }

    private static List<String> cutover(String... extra) {
        List<String> args = new ArrayList<>(List.of("cutover", "--source-url", "http://old:9200",
                "--target-url", "http://new:9200", "--kafka-bootstrap", "k:9092", "--group", "g", "--topic", "t",
                "--old-index", "v1", "--new-index", "v2", "--read-alias", "messages", "--mapping-file",
                MigrationUnderTest.CONTRACT.toString()));
        args.addAll(List.of(extra));
        return args;
    }
}
