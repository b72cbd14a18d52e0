package io.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import io.tandem.localstack.process.JavaRuntimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's first command on real engines, smaller: the whole live migration passes its own doc-for-doc proof,
 * writes its report, and the processes it ran expose every metric the Grafana dashboard of docker/ asks for.
 */
@WithEngines({Engine.KAFKA, Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class LiveMigrationDemoIT {

    @Test
    void aLiveMigrationEndsWithTheNewIndexEqualToTheOldDocForDocAndFeedsTheDashboard(Engines engines, @TempDir Path workDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();
        int exit = DemoCommand.execute(new String[] {"--documents", "5000", "--live-rate", "300", "--work-dir", workDir.toString(),
                        "--kafka", engines.get(Engine.KAFKA).address(),
                        "--old-url", engines.get(Engine.ELASTICSEARCH_7).address(),
                        "--new-url", engines.get(Engine.OPENSEARCH_2).address()},
                Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8), new PrintWriter(errors, true));
        String printed = output.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed + errors).isZero();
        assertThat(printed).contains("new == old, doc for doc").contains("MIGRATION PASSED");
        String report = Files.readString(workDir.resolve("report.md"));
        assertThat(report).contains("**Result: PASSED**").contains("| 1 | Start the engines |");
        assertThat(report).containsPattern("Live commands during the migration: [\\d,]+ creates, [\\d,]+ updates, [1-9][\\d,]* deletes");

        // the processes it ran expose every metric the Grafana dashboard of docker/ asks for
        String exposed = Files.readString(workDir.resolve("indexer-metrics.prom")) + Files.readString(workDir.resolve("backfill-metrics.prom"));
        Set<String> asked = metricNames(Files.readString(Path.of("..", "docker", "grafana", "dashboards", "tandem-migration.json")));
        assertThat(asked).hasSizeGreaterThan(8);
        for (String metric : asked) {
            assertThat(exposed).as("the dashboard asks for " + metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void aLiveMigrationToANewerElasticsearchOnEnginesItStartsItselfEndsWithTheNewIndexEqualToTheOldDocForDoc(
            Engine target, @TempDir Path workDir) throws Exception {
        assumeTrue(JavaRuntimes.find(target.minimumJava()).isPresent(),
                target.displayName() + " needs Java " + target.minimumJava() + ", which this machine lacks");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();
        // as a user runs it: the demo starts (and stops) its own Kafka, Elasticsearch 7.10 and the new cluster, so the
        // names it uses cannot meet the other test's on the shared engines; fewer documents than the test above,
        // which carries the volume: here what differs is the engine
        int exit = DemoCommand.execute(new String[] {"--documents", "2000", "--live-rate", "300", "--work-dir",
                        workDir.toString(), "--target", target.id()},
                Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8), new PrintWriter(errors, true));
        String printed = output.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed + errors).isZero();
        assertThat(printed).contains(target.displayName()).contains("Verification FULL").contains("PASSED").contains("Cutover CROSS_CLUSTER")
                .contains("new == old, doc for doc").contains("MIGRATION PASSED");
    }

    private static Set<String> metricNames(String dashboard) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\btandem_[a-z0-9_]+").matcher(dashboard);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
