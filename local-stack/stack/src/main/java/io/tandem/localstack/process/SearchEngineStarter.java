package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.child.SearchNodeMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Starts a single-node Elasticsearch or OpenSearch through the codelibs runner: a real node (all modules, reindex
 * included) in its own JVM. The runner copies its default node config only when none exists, so ours is written
 * first and the node loads it. The secured OpenSearch is the same node with {@link OpenSearchSecurity}; a cluster of
 * two is two such nodes that find each other.
 */
final class SearchEngineStarter {


    /** What differs between the engines: names of files, settings and classes. */
    private record Flavor(String runnerClass, String configFile, String transportPortKey, String remoteAllowKey,
                          boolean compatLocale) {

        static Flavor of(Engine engine) {
            return switch (engine) {
                case ELASTICSEARCH_6 -> new Flavor(ES_RUNNER, "elasticsearch.yml", "transport.tcp.port", "reindex.remote.whitelist", true);
                case ELASTICSEARCH_7 -> new Flavor(ES_RUNNER, "elasticsearch.yml", "transport.port", "reindex.remote.whitelist", true);
                // OpenSearch 2 still formats dates like Elasticsearch 7 (JDK COMPAT locale data)
                case OPENSEARCH_2, OPENSEARCH_2_SECURED, OPENSEARCH_2_CONSTRAINED, OPENSEARCH_2_TWO_NODES ->
                        new Flavor(OS_RUNNER, "opensearch.yml", "transport.port", "reindex.remote.allowlist", true);
                // OpenSearch 3 runs on Java 21+, where the COMPAT locale data no longer exists
                case OPENSEARCH_3 -> new Flavor(OS_RUNNER, "opensearch.yml", "transport.port", "reindex.remote.allowlist", false);
                // no runner, no config file: the node's settings are its arguments
                case ELASTICSEARCH_8, ELASTICSEARCH_9 -> new Flavor(SINGLE_NODE, null, null, null, false);
                case ELASTICSEARCH_8_SECURED -> new Flavor(ElasticsearchSecurity.MAIN_CLASS, null, null, null, false);
                case KAFKA, KAFKA_SASL_SSL -> throw new IllegalArgumentException("Kafka is not a search engine");
                case ELASTICSEARCH_7_SECURED -> throw new IllegalArgumentException("started as the engine behind its proxy");
            };
        }
    }

    private static final String ES_RUNNER = "org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner";
    private static final String OS_RUNNER = "org.codelibs.opensearch.runner.OpenSearchRunner";
    /** engine-elasticsearch-8-node and -9-node: the same class name, each on its own engine's classpath. */
    private static final String SINGLE_NODE = "org.elasticsearch.node.SingleNode";

    private final LocalProcessSettings settings;

    SearchEngineStarter(LocalProcessSettings settings) {
        this.settings = settings;
    }

    /** Where a node stands in its cluster: how it finds the others, and what the runner must not default. */
    private record Placement(String clusterName, String processName, List<String> discovery,
                             Map<String, String> runnerSettings, int clusterNodes) {

        static Placement alone(Engine engine) {
            return new Placement(SearchEngineStarter.clusterName(engine), engine.id(),
                    List.of("discovery.type: single-node"), Map.of(), 1);
        }
    }

    LocalEngine start(Engine engine, Path java, Path dir) {
        return startNode(engine, java, dir, FreePorts.allocate(2), Placement.alone(engine));
    }

    /**
     * The {@link Engine#nodes() two nodes} of a cluster, each its own process: Node 1 (cluster manager and data, the
     * clients' address) bootstraps the cluster alone, Node 2 (data only) joins it.
     */
    TwoNodeCluster startTwoNodes(Engine engine, Path java, Path dir) {
        String clusterName = clusterName(engine);
        int[] managerPorts = FreePorts.allocate(2);
        String seed = "discovery.seed_hosts: [\"127.0.0.1:" + managerPorts[1] + "\"]";
        LocalEngine manager = startNode(engine, java, dir.resolve("node-1"), managerPorts, new Placement(clusterName,
                engine.id() + "-node-1", List.of(seed, "cluster.initial_cluster_manager_nodes: [\"Node 1\"]",
                        // without it, both primaries of a new index may land on one node and a lost node loses none
                        "cluster.routing.allocation.balance.prefer_primary: true"), Map.of(), 1));
        try {
            LocalEngine data = startNode(engine, java, dir.resolve("node-2"), FreePorts.allocate(2), new Placement(
                    clusterName, engine.id() + "-node-2", List.of(seed),
                    Map.of("node.name", "Node 2", "node.roles", "data"), 2));
            return new TwoNodeCluster(manager, data);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A unique name: readiness only counts an answer from the node we started. */
    private static String clusterName(Engine engine) {
        return "tandem-" + engine.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private LocalEngine startNode(Engine engine, Path java, Path dir, int[] ports, Placement placement) {
        Flavor flavor = Flavor.of(engine);
        int httpPort = ports[0];
        int transportPort = ports[1];
        String clusterName = placement.clusterName();
        Path basePath = dir.resolve("cluster");
        Path configDir = basePath.resolve("node_1").resolve("config");
        Optional<OpenSearchSecurity> security = engine == Engine.OPENSEARCH_2_SECURED
                ? Optional.of(OpenSearchSecurity.create(java, dir, configDir, EngineClasspath.of(engine))) : Optional.empty();
        Optional<ElasticsearchSecurity> xpack = engine == Engine.ELASTICSEARCH_8_SECURED
                ? Optional.of(ElasticsearchSecurity.create(java, configDir)) : Optional.empty();
        List<Path> classpath = security.map(OpenSearchSecurity::classpath).orElseGet(() -> EngineClasspath.of(engine));
        String mainClass;
        List<String> args;
        if (flavor.configFile() == null) {
            // a node of ours: its settings are its arguments (and the secured one's administrator)
            mainClass = flavor.runnerClass();
            args = new ArrayList<>(List.of(Integer.toString(httpPort), Integer.toString(transportPort), clusterName,
                    basePath.resolve("node_1").toString()));
            xpack.ifPresent(x -> args.add(ElasticsearchSecurity.ADMIN));
        } else {
            List<String> extra = new ArrayList<>(security.map(OpenSearchSecurity::nodeSettings).orElse(List.of()));
            engine.nodeSettings().forEach((key, value) -> extra.add(key + ": " + value));
            writeNodeConfig(configDir.resolve(flavor.configFile()), flavor, transportPort, placement.discovery(),
                    extra);
            mainClass = SearchNodeMain.class.getName();
            args = new ArrayList<>(List.of(flavor.runnerClass()));
            placement.runnerSettings().forEach((key, value) -> args.addAll(List.of("-nodeSetting", key + "=" + value)));
            args.addAll(List.of("-basePath", basePath.toString(), "-numOfNode", "1",
                    // the runner gives node N the port baseHttpPort + N
                    "-baseHttpPort", Integer.toString(httpPort - 1), "-clusterName", clusterName));
            security.ifPresent(s -> args.addAll(List.of("-pluginTypes", OpenSearchSecurity.PLUGIN_CLASS)));
            if (engine == Engine.ELASTICSEARCH_6) {
                // the 6.8 runner sets the transport port itself, over the config file: node N gets baseTransportPort + N
                args.addAll(List.of("-baseTransportPort", Integer.toString(transportPort - 1)));
            }
        }
        long started = System.nanoTime();
        EngineProcess process = EngineProcess.start(placement.processName(), java, jvmOptions(flavor), classpath,
                mainClass, args, dir, xpack.map(ElasticsearchSecurity::nodeEnvironment).orElse(Map.of()));
        try {
            String url = (engine.isSecured() ? "https" : "http") + "://127.0.0.1:" + httpPort;
            EngineProbe probe = security.map(OpenSearchSecurity::probe)
                    .or(() -> xpack.map(ElasticsearchSecurity::probe)).orElseGet(EngineProbe::open);
            LocalEngine.Readiness readiness = () -> probe.readyVersion(url, clusterName, placement.clusterNodes());
            String version = StartupWait.until(process, settings.startTimeout(), readiness::probe);
            EngineEndpoint endpoint = new EngineEndpoint(engine, url, url, version, OptionalLong.of(process.pid()),
                    Duration.ofNanos(System.nanoTime() - started),
                    security.map(OpenSearchSecurity::adminClientProperties)
                            .or(() -> xpack.map(ElasticsearchSecurity::adminClientProperties)).orElse(Map.of()));
            return new LocalEngine(endpoint, process, dir, readiness, settings.startTimeout());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static void writeNodeConfig(Path file, Flavor flavor, int transportPort, List<String> discovery,
                                        List<String> extraSettings) {
        List<String> lines = new ArrayList<>(List.of(
                "network.host: 127.0.0.1",
                flavor.transportPortKey() + ": " + transportPort));
        lines.addAll(discovery);
        lines.addAll(List.of(
                // matched literally against the remote host: '127.0.0.1:*' admits every local engine, 'localhost' is refused
                flavor.remoteAllowKey() + ": \"127.0.0.1:*\"",
                // the test machine's disk may be fuller than the watermarks; this node must still allocate shards
                "cluster.routing.allocation.disk.threshold_enabled: false"));
        lines.addAll(extraSettings);
        String yaml = String.join("\n", lines) + "\n";
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
}
