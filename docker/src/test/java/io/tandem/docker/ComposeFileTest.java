package io.tandem.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose deployment, checked as far as possible without a Docker engine: {@code docker-compose config} (which
 * needs none) validates and normalises it, and the normalised model is checked for the deployment's shape. Needs
 * Debian's docker-compose or the docker compose plugin; bin/install-prerequisites installs the former.
 */
class ComposeFileTest {

    private static JsonNode services;

    @BeforeAll
    static void normalise() throws Exception {
        String config = compose("config");
        services = new YAMLMapper().readTree(config).path("services");
    }

    /** Runs docker-compose (or docker compose) on compose.yaml with every profile enabled; fails on a non-zero exit. */
    private static String compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", "compose.yaml", "--profile", "migrate", "--profile", "cutover", "--profile", "es8"));
        command.addAll(List.of(args));
        return ExternalTool.run(Path.of("."), command, Duration.ofMinutes(2));
    }

    private static List<String> composeCommand() throws IOException, InterruptedException {
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                Process probe = new ProcessBuilder(version)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        throw new AssertionError("neither docker-compose nor 'docker compose' is installed: run bin/install-prerequisites");
    }

    @Test
    void composeValidatesTheFileWithoutAnEngine() throws Exception {
        compose("config", "-q");
    }

    @Test
    void theDeploymentHasEveryPartOfAMigration() {
        assertThat(names(services)).contains("kafka", "elasticsearch-old", "search-new", "elasticsearch-new", "schema",
                "indexer", "backfill", "cutover", "prometheus", "grafana");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services.fields().forEachRemaining(service -> assertThat(service.getValue().path("image").asText())
                .as(service.getKey()).contains(":").doesNotEndWith(":latest"));
    }

    @Test
    void theConsumerStartsAfterTheSchemaAndKafkaAndRestartsWhenItDies() {
        JsonNode indexer = services.path("indexer");
        assertThat(indexer.path("depends_on").path("schema").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(indexer.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(indexer.path("restart").asText()).isEqualTo("unless-stopped");
        // SIGTERM drains in-flight writes and commits: give it the time to do so
        assertThat(indexer.path("stop_grace_period").asText()).isNotEmpty();
    }

    @Test
    void backfillAndCutoverAreOneShotJobsRunOnPurpose() {
        for (String job : List.of("backfill", "cutover")) {
            JsonNode service = services.path(job);
            assertThat(service.path("restart").asText()).as(job).isEqualTo("no");
            assertThat(names(service.path("profiles").isMissingNode() ? null : service.path("profiles")))
                    .as(job + " must not start with a plain 'up'").isNotEmpty();
            assertThat(service.path("depends_on").path("indexer").path("condition").asText()).isEqualTo("service_healthy");
        }
    }

    @Test
    void tandemContainersReadTheMountedSettingsFile() {
        for (String name : List.of("schema", "indexer", "backfill", "cutover")) {
            JsonNode service = services.path(name);
            assertThat(service.path("environment").path("TANDEM_CONFIG").asText()).as(name).isEqualTo("/config/tandem.properties");
            assertThat(service.path("volumes").toString()).as(name).contains("/config");
        }
        assertThat(Path.of("config", "tandem.properties")).exists();
        assertThat(Path.of("config", "messages-v2.json")).exists();
    }

    @Test
    void prometheusScrapesTheStatusPortsTheImagesExpose() throws Exception {
        JsonNode prometheus = new YAMLMapper().readTree(Path.of("prometheus", "prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        prometheus.path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText()))));
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        assertThat(targets).containsExactlyInAnyOrder(
                "indexer:" + statusPort(dockerfile.stages().get("indexer")),
                "backfill:" + statusPort(dockerfile.stages().get("backfill")));
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheTandemDashboard() throws Exception {
        JsonNode datasources = new YAMLMapper().readTree(Path.of("grafana", "provisioning", "datasources", "prometheus.yml").toFile());
        assertThat(datasources.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "dashboards", "tandem-migration.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("prometheus");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        }
        assertThat(DashboardMetrics.names(dashboard)).anyMatch(n -> n.startsWith("tandem_consumer"))
                .anyMatch(n -> n.startsWith("tandem_backfill")).allMatch(n -> n.startsWith("tandem_"));
    }

    private static String statusPort(Dockerfile.Stage stage) {
        Matcher matcher = Pattern.compile("TANDEM_STATUS_PORT=(\\d+)").matcher(String.join(" ", stage.arguments("ENV")));
        assertThat(matcher.find()).as("TANDEM_STATUS_PORT in " + stage.name()).isTrue();
        return matcher.group(1);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else if (node != null && node.isArray()) {
            node.forEach(element -> names.add(element.asText()));
        }
        return names;
    }
}
