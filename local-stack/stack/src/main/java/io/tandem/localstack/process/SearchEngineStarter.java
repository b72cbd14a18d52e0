package io.tandem.localstack.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.child.SearchNodeMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Starts a single-node Elasticsearch or OpenSearch through the codelibs runner: a real node (all modules, reindex
 * included) in its own JVM. The runner copies its default node config only when none exists, so ours is written
 * first and the node loads it.
 */
final class SearchEngineStarter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** What differs between the engines: names of files, settings and classes. */
    private record Flavor(String runnerClass, String configFile, String transportPortKey, String remoteAllowKey,
                          boolean compatLocale) {

        static Flavor of(Engine engine) {
            return switch (engine) {
                case ELASTICSEARCH_6 -> new Flavor(ES_RUNNER, "elasticsearch.yml", "transport.tcp.port", "reindex.remote.whitelist", true);
                case ELASTICSEARCH_7 -> new Flavor(ES_RUNNER, "elasticsearch.yml", "transport.port", "reindex.remote.whitelist", true);
                // OpenSearch 2 still formats dates like Elasticsearch 7 (JDK COMPAT locale data)
                case OPENSEARCH_2 -> new Flavor(OS_RUNNER, "opensearch.yml", "transport.port", "reindex.remote.allowlist", true);
                // OpenSearch 3 runs on Java 21+, where the COMPAT locale data no longer exists
                case OPENSEARCH_3 -> new Flavor(OS_RUNNER, "opensearch.yml", "transport.port", "reindex.remote.allowlist", false);
                // no runner, no config file: the node's settings are its arguments
                case ELASTICSEARCH_8 -> new Flavor(ES8_NODE, null, null, null, false);
                case KAFKA, KAFKA_SASL_SSL -> throw new IllegalArgumentException("Kafka is not a search engine");
            };
        }
    }

    private static final String ES_RUNNER = "org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner";
    private static final String OS_RUNNER = "org.codelibs.opensearch.runner.OpenSearchRunner";
    private static final String ES8_NODE = "org.elasticsearch.node.SingleNode";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final LocalProcessSettings settings;

    SearchEngineStarter(LocalProcessSettings settings) {
        this.settings = settings;
    }

    LocalEngine start(Engine engine, Path java, Path dir) {
        Flavor flavor = Flavor.of(engine);
        int[] ports = FreePorts.allocate(2);
        int httpPort = ports[0];
        int transportPort = ports[1];
        // a unique name: readiness only counts an answer from the node we started
        String clusterName = "tandem-" + engine.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path basePath = dir.resolve("cluster");
        String mainClass;
        List<String> args;
        if (engine == Engine.ELASTICSEARCH_8) {
            mainClass = ES8_NODE;
            args = List.of(Integer.toString(httpPort), Integer.toString(transportPort), clusterName,
                    basePath.resolve("node_1").toString());
        } else {
            writeNodeConfig(basePath.resolve("node_1").resolve("config").resolve(flavor.configFile()), flavor, transportPort);
            mainClass = SearchNodeMain.class.getName();
            args = new ArrayList<>(List.of(flavor.runnerClass(), "-basePath", basePath.toString(), "-numOfNode", "1",
                    // the runner gives node N the port baseHttpPort + N
                    "-baseHttpPort", Integer.toString(httpPort - 1), "-clusterName", clusterName));
            if (engine == Engine.ELASTICSEARCH_6) {
                // the 6.8 runner sets the transport port itself, over the config file: node N gets baseTransportPort + N
                args.addAll(List.of("-baseTransportPort", Integer.toString(transportPort - 1)));
            }
        }
        long started = System.nanoTime();
        EngineProcess process = EngineProcess.start(engine.id(), java, jvmOptions(flavor), EngineClasspath.of(engine),
                mainClass, args, dir);
        try {
            String url = "http://127.0.0.1:" + httpPort;
            String version = StartupWait.until(process, settings.startTimeout(), () -> probe(url, clusterName));
            EngineEndpoint endpoint = new EngineEndpoint(engine, url, url, version, OptionalLong.of(process.pid()),
                    Duration.ofNanos(System.nanoTime() - started));
            return new LocalEngine(endpoint, process, dir);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static void writeNodeConfig(Path file, Flavor flavor, int transportPort) {
        String yaml = String.join("\n",
                "network.host: 127.0.0.1",
                flavor.transportPortKey() + ": " + transportPort,
                "discovery.type: single-node",
                // matched literally against the remote host: '127.0.0.1:*' admits every local engine, 'localhost' is refused
                flavor.remoteAllowKey() + ": \"127.0.0.1:*\"",
                // the test machine's disk may be fuller than the watermarks; this node must still allocate shards
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> jvmOptions(Flavor flavor) {
        List<String> options = new ArrayList<>(List.of(
                "-Xms" + settings.heap(), "-Xmx" + settings.heap(),
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                "-Dlog4j2.disable.jmx=true",
                "-Dio.netty.noUnsafe=true",
                "-Dio.netty.noKeySetOptimization=true",
                "-Dio.netty.recycler.maxCapacityPerThread=0"));
        if (flavor.compatLocale()) {
            options.add("-Djava.locale.providers=SPI,COMPAT");
        }
        return options;
    }

    /** The version the node reports, once it is ours and its cluster is at least yellow. */
    private Optional<String> probe(String url, String clusterName) throws IOException, InterruptedException {
        JsonNode root = getJson(url + "/");
        if (root == null || !clusterName.equals(root.path("cluster_name").asText())) {
            return Optional.empty();
        }
        JsonNode health = getJson(url + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        if (health == null || health.path("timed_out").asBoolean(true)) {
            return Optional.empty();
        }
        return Optional.of(root.path("version").path("number").asText());
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
