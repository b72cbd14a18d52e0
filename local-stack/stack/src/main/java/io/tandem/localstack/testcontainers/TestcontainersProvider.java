package io.tandem.localstack.testcontainers;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.EngineProvider;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.RunningEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same engines as Docker containers, for machines with a Docker engine ({@code -Dtandem.engines=testcontainers}).
 * All containers share one network so that one engine reaches another by its id (remote reindex); where no Docker
 * engine answers, every start reports the engine unavailable and the tests that need it are skipped.
 */
public final class TestcontainersProvider implements EngineProvider {

    private static final int SEARCH_PORT = 9200;

    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private Network network;

    @Override
    public RunningEngine start(Engine engine) throws EngineUnavailableException {
        if (engine.nodes() > 1) {
            throw new EngineUnavailableException(engine.displayName() + " exists only as local processes (one "
                    + "container per engine here); use -D" + PROPERTY + "=local");
        }
        if (engine.isSecured()) {
            throw new EngineUnavailableException(engine.displayName() + " exists only as a local process (its "
                    + "certificate and users are made at start); use -D" + PROPERTY + "=local");
        }
        if (!dockerAvailable()) {
            throw new EngineUnavailableException("no Docker engine is reachable, so the Testcontainers provider cannot "
                    + "start " + engine.displayName() + " (use -D" + PROPERTY + "=local for local processes)");
        }
        GenericContainer<?> container = containerFor(engine).withNetwork(network()).withNetworkAliases(engine.id());
        long started = System.nanoTime();
        container.start();
        synchronized (containers) {
            containers.add(container);
        }
        Duration startDuration = Duration.ofNanos(System.nanoTime() - started);
        String image = container.getDockerImageName();
        String version = image.substring(image.lastIndexOf(':') + 1);
        EngineEndpoint endpoint = engine == Engine.KAFKA
                ? new EngineEndpoint(engine, ((KafkaContainer) container).getBootstrapServers(),
                        engine.id() + ":9092", version, OptionalLong.empty(), startDuration)
                : new EngineEndpoint(engine, "http://" + container.getHost() + ":" + container.getMappedPort(SEARCH_PORT),
                        "http://" + engine.id() + ":" + SEARCH_PORT, version, OptionalLong.empty(), startDuration);
        return new ContainerEngine(endpoint, container);
    }

    @SuppressWarnings("resource") // containers are stopped in close()
    private static GenericContainer<?> containerFor(Engine engine) {
        return switch (engine) {
            case KAFKA -> new KafkaContainer("apache/kafka:4.1.0");
            case KAFKA_SASL_SSL, ELASTICSEARCH_7_SECURED, OPENSEARCH_2_SECURED, ELASTICSEARCH_8_SECURED,
                 OPENSEARCH_2_TWO_NODES -> throw new IllegalArgumentException("refused in start()");
            case ELASTICSEARCH_7 -> new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:7.10.2")
                    .withEnv("reindex.remote.whitelist", "*:" + SEARCH_PORT);
            case ELASTICSEARCH_6 -> new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:6.8.9")
                    .withEnv("reindex.remote.whitelist", "*:" + SEARCH_PORT);
            case OPENSEARCH_2 -> openSearch("opensearchproject/opensearch:2.19.1");
            case OPENSEARCH_2_CONSTRAINED -> {
                GenericContainer<?> node = openSearch("opensearchproject/opensearch:2.19.1");
                engine.nodeSettings().forEach(node::withEnv);
                yield node;
            }
            case OPENSEARCH_3 -> openSearch("opensearchproject/opensearch:3.0.0");
            // the image turns security on by default; the local node has none either
            case ELASTICSEARCH_8 -> new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.21")
                    .withEnv("xpack.security.enabled", "false");
            case ELASTICSEARCH_9 -> new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:9.5.3")
                    .withEnv("xpack.security.enabled", "false");
        };
    }

    @SuppressWarnings("resource")
    private static GenericContainer<?> openSearch(String image) {
        return new GenericContainer<>(image)
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withEnv("reindex.remote.allowlist", "*:" + SEARCH_PORT)
                .withExposedPorts(SEARCH_PORT)
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forPort(SEARCH_PORT)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    private synchronized Network network() {
        if (network == null) {
            network = Network.newNetwork();
        }
        return network;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (containers) {
            containers.forEach(GenericContainer::stop);
            containers.clear();
        }
        synchronized (this) {
            if (network != null) {
                network.close();
                network = null;
            }
        }
    }

    private record ContainerEngine(EngineEndpoint endpoint, GenericContainer<?> container) implements RunningEngine {
        @Override
        public void close() {
            container.stop();
        }
    }
}
