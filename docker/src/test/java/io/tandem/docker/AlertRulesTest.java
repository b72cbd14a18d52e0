package io.tandem.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of the compose deployment, checked by Prometheus's own promtool (bin/install-prerequisites takes it
 * out of Debian's prometheus package): valid rules, and each alert firing on the series of its unit test and not on
 * a healthy indexer's. That every metric they name exists is IndexerStartupIT's, on a real indexer.
 */
class AlertRulesTest {

    private static final Path PROMETHEUS = Path.of("prometheus");

    @Test
    void promtoolFindsEveryRuleValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 5 rules found");
    }

    @Test
    void everyAlertFiresOnItsUnitTestsSeriesAndNoneOnAHealthyIndexer() throws Exception {
        assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void prometheusLoadsTheRulesAndComposeMountsThem() throws Exception {
        JsonNode prometheus = new YAMLMapper().readTree(PROMETHEUS.resolve("prometheus.yml").toFile());
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
        assertThat(Files.readString(Path.of("compose.yaml")))
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        return ExternalTool.run(PROMETHEUS, command, Duration.ofMinutes(1));
    }
}
