package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;

/**
 * Starts a single-node KRaft Kafka (broker and controller in one process): storage formatted once, then the server;
 * open (PLAINTEXT) or secured (SASL_SSL with SCRAM-SHA-512 and ACLs, see {@link KafkaSecurity}).
 */
final class KafkaStarter {

    private static final long FORMAT_TIMEOUT_SECONDS = 120;

    private final LocalProcessSettings settings;

    KafkaStarter(LocalProcessSettings settings) {
        this.settings = settings;
    }

    LocalEngine start(Engine engine, Path java, Path dir) {
        int[] ports = FreePorts.allocate(2);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        String clusterId = Uuid.randomUuid().toString();
        Optional<KafkaSecurity> security = engine == Engine.KAFKA_SASL_SSL
                ? Optional.of(KafkaSecurity.create(java, dir)) : Optional.empty();
        Map<String, String> clientProperties = security.map(KafkaSecurity::adminClientProperties).orElse(Map.of());
        List<String> listeners = security.map(s -> s.serverProperties(brokerPort, controllerPort))
                .orElse(plaintextListeners(brokerPort, controllerPort));
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        write(properties, serverProperties(dir.resolve("data"), controllerPort, listeners));
        write(log4j, LOG4J_CONFIG);
        List<Path> classpath = EngineClasspath.of(Engine.KAFKA);
        List<String> jvm = List.of("-Xms128m", "-Xmx" + settings.heap(), "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j);

        long started = System.nanoTime();
        List<String> format = new ArrayList<>(List.of("format", "-t", clusterId, "-c", properties.toString()));
        security.ifPresent(s -> format.addAll(s.formatArguments()));
        try (EngineProcess formatting = EngineProcess.start("kafka-storage-format", java, jvm, classpath,
                "kafka.tools.StorageTool", format, dir)) {
            int exit = formatting.awaitExit(FORMAT_TIMEOUT_SECONDS);
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "):\n" + formatting.logTail());
            }
        }
        EngineProcess server = EngineProcess.start(engine.id(), java, jvm, classpath, "kafka.Kafka",
                List.of(properties.toString()), dir);
        String bootstrap = "127.0.0.1:" + brokerPort;
        Map<String, Object> adminConfig = new HashMap<>(clientProperties);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
        // a client of its own per probe: the same check serves a restart, long after this start
        LocalEngine.Readiness readiness = () -> {
            Admin admin = Admin.create(adminConfig);
            try {
                return probe(admin, clusterId);
            } finally {
                // a broker still down leaves requests pending: do not wait them out
                admin.close(Duration.ofSeconds(1));
            }
        };
        try {
            String version = StartupWait.until(server, settings.startTimeout(), readiness::probe);
            EngineEndpoint endpoint = new EngineEndpoint(engine, bootstrap, bootstrap, version,
                    OptionalLong.of(server.pid()), Duration.ofNanos(System.nanoTime() - started), clientProperties);
            return new LocalEngine(endpoint, server, dir, readiness, settings.startTimeout());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Ready once the broker we formatted (same cluster id) lists itself as a live node. */
    private static Optional<String> probe(Admin admin, String clusterId) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        boolean ours = clusterId.equals(cluster.clusterId().get(4, TimeUnit.SECONDS));
        boolean hasBroker = !cluster.nodes().get(4, TimeUnit.SECONDS).isEmpty();
        return ours && hasBroker ? Optional.of(org.apache.kafka.common.utils.AppInfoParser.getVersion()) : Optional.empty();
    }

    private static List<String> plaintextListeners(int brokerPort, int controllerPort) {
        return List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    }

    private static String serverProperties(Path dataDir, int controllerPort, List<String> listeners) {
        return String.join("\n", listeners) + "\n" + String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dataDir,
                // one node: every internal topic must make do with one replica
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // consumers in tests join at once instead of waiting 3 s for more members
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "");
    }

    /** Kafka ships no slf4j binding; this config sends its log4j2 output to the process log. */
    private static final String LOG4J_CONFIG = String.join("\n",
            "status = warn",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.kafka.name = kafka",
            "logger.kafka.level = info",
            "logger.apache.name = org.apache.kafka",
            "logger.apache.level = info",
            "");

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
