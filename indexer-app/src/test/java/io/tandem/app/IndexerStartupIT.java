package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.StateStore;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the indexer checks before it applies anything, and what it shows while it runs. */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2})
class IndexerStartupIT {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final Path ALERT_RULES = Path.of("..", "docker", "prometheus", "alerts.yml");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void refusesToStartWhenTheLiveMappingDriftedFromTheContract(Engines engines) throws Exception {
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String index = Engines.uniqueName("drifted");
        IndexContents.send(url, "PUT", "/" + index, Files.readString(CONTRACT));
        // someone added a field by hand: the strict contract no longer describes the index
        IndexContents.send(url, "PUT", "/" + index + "/_mapping", "{\"properties\":{\"extra\":{\"type\":\"keyword\"}}}");
        int exit = run(engines, index, topic(engines, 1), "--create-index");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("the mapping of " + index + " differs from").contains("extra");
    }

    @Test
    void restartsAfterDynamicMappingAddedAFieldWhereTheContractAllowsIt(Engines engines) throws Exception {
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String bootstrap = engines.get(Engine.KAFKA).address();
        String topic = topic(engines, 1);
        String index = Engines.uniqueName("dynamic");
        String original = Files.readString(CONTRACT);
        String declared = "\"n\": { \"type\": \"long\" },";
        assertThat(original).contains(declared);
        // a strict contract that opens one object to dynamic mapping
        Path contract = Files.writeString(dir.resolve("events-v2.json"),
                original.replace(declared, declared + "\n      \"actions\": { \"type\": \"object\", \"dynamic\": true },"));
        List<String> runArgs = List.of("--target-url", url, "--kafka-bootstrap", bootstrap, "--topic", topic,
                "--group", Engines.uniqueName("g"), "--index", index, "--mapping-file", contract.toString(), "--create-index",
                "--state-index", Engines.uniqueName("state"),
                // the killed member's partition goes to the restarted one when its session expires: keep that short
                "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000");
        HttpClient http = HttpClient.newHttpClient();

        produce(bootstrap, topic, "c-1", "{\"op\":\"upsert\",\"id\":\"c-1\",\"version\":1,\"doc\":{\"id\":\"c-1\",\"n\":1,"
                + "\"actions\":{\"clicked\":true}}}");
        int firstPort = freePort();
        try (ConsumerProcess first = startIndexer(runArgs, firstPort, dir.resolve("first.log"))) {
            awaitStatus(http, firstPort, "/ready", 200, first);
            awaitDocument(url, index, "c-1", first);
            assertThat(IndexContents.send(url, "GET", "/" + index + "/_mapping", null).path(index).path("mappings")
                    .path("properties").path("actions").path("properties").path("clicked").path("type").asText())
                    .as("the document's field, added to the live mapping by dynamic mapping").isEqualTo("boolean");
            // a pod restart: no shutdown, no goodbye
            first.kill();
            assertThat(first.isAlive()).isFalse();
        }

        StringWriter checked = new StringWriter();
        int checkExit = IndexerCommand.execute(new String[] {"schema", "check", "--target-url", url, "--index", index,
                "--definition", contract.toString()}, Map.of(), new PrintWriter(checked, true), new PrintWriter(err, true));
        assertThat(checkExit).as("schema check; out:\n%s\nerr:\n%s", checked, err).isZero();
        assertThat(checked.toString()).isEqualTo("index " + index + " keeps the contract\n"
                + "1 field(s) added by dynamic mapping, allowed by the contract (information, not drift):\n"
                + "  ~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)\n");

        int secondPort = freePort();
        try (ConsumerProcess second = startIndexer(runArgs, secondPort, dir.resolve("second.log"))) {
            awaitStatus(http, secondPort, "/ready", 200, second);
            assertThat(get(http, secondPort, "/health").statusCode()).isEqualTo(200);
            // it started, saying what dynamic mapping added
            assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("refusing to start")
                    .contains("~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)");
            produce(bootstrap, topic, "c-2", "{\"op\":\"upsert\",\"id\":\"c-2\",\"version\":1,\"doc\":{\"id\":\"c-2\","
                    + "\"n\":2,\"actions\":{\"clicked\":false,\"label\":\"share\"}}}");
            assertThat(awaitDocument(url, index, "c-2", second).path("actions").path("label").asText()).isEqualTo("share");
            assertThat(second.terminate()).as("exit status after SIGTERM; log:\n%s", second.logTail()).isZero();
        }
    }

    @Test
    void refusesToStartAnIndexThatDoesNotExistUnlessAskedToCreateIt(Engines engines) throws Exception {
        String index = Engines.uniqueName("absent");
        int exit = run(engines, index, topic(engines, 1));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("index " + index + " does not exist").contains("--create-index");
    }

    @Test
    void refusesToStartOnATopicThatDoesNotExistNamingIt(Engines engines) throws Exception {
        // the topic is described on a thread of its own while the contract is checked: its error still ends the start
        String index = Engines.uniqueName("no-topic");
        String topic = Engines.uniqueName("absent-commands");
        int exit = run(engines, index, topic, "--create-index");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("tandem: topic " + topic + " does not exist on "
                + engines.get(Engine.KAFKA).address());
    }

    @Test
    void refusesToResumeOffsetVersionsAfterTheTopicWasRepartitioned(Engines engines) throws Exception {
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String index = Engines.uniqueName("repartitioned");
        String stateIndex = Engines.uniqueName("state");
        String topic = topic(engines, 3);
        IndexContents.send(url, "PUT", "/" + index, Files.readString(CONTRACT));
        try (RestClient client = RestClient.builder(HttpHost.create(url)).build()) {
            // the migration started when the topic had 2 partitions
            MigrationRecord started = new MigrationRecord(topic, 2, MigrationRecord.KAFKA_OFFSET, index, Instant.now(), null);
            new StateStore(client, stateIndex).write(started.key(), started.toJson());
        }
        int exit = run(engines, index, topic, "--version-source", "KAFKA_OFFSET", "--state-index", stateIndex);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("had 2 partitions when the migration into '" + index + "' started and has 3 now")
                .contains("restart the migration into a fresh index");
    }

    @Test
    void servesMetricsHealthAndReadinessWhileReplayingAndStopsCleanlyOnSigterm(Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String topic = topic(engines, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "id-" + i,
                        "{\"op\":\"upsert\",\"id\":\"id-" + i + "\",\"version\":1,\"doc\":{\"id\":\"id-" + i + "\",\"n\":" + i + "}}"));
            }
        }
        int port = freePort();
        try (ConsumerProcess indexer = ConsumerProcess.start(List.of("--target-url", engines.get(Engine.OPENSEARCH_2).address(),
                "--kafka-bootstrap", bootstrap, "--topic", topic, "--group", Engines.uniqueName("g"),
                "--index", Engines.uniqueName("served"), "--mapping-file", CONTRACT.toString(), "--create-index",
                "--state-index", Engines.uniqueName("state"), "--status-port", Integer.toString(port)), dir.resolve("indexer.log"))) {
            HttpClient http = HttpClient.newHttpClient();
            awaitStatus(http, port, "/ready", 200, indexer);
            assertThat(get(http, port, "/health").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String metrics = "";
            while (!metrics.contains("tandem_consumer_records_total{outcome=\"applied\"} 20.0") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                metrics = get(http, port, "/metrics").body();
            }
            assertThat(metrics).contains("tandem_consumer_records_total{outcome=\"applied\"} 20.0")
                    .contains("tandem_sink_bulk_latency_seconds").contains("tandem_consumer_lag{partition=\"0\"}")
                    .contains("tandem_consumer_pending").contains("jvm_memory_used_bytes")
                    // every metric docs/ names
                    .contains("tandem_sink_items_total{outcome=\"applied\"} 20.0").contains("tandem_sink_retries_total")
                    .contains("tandem_sink_in_flight").contains("tandem_sink_bulk_bytes");
            // and every metric the deployment's alert rules name
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("tandem_[a-z_]+")
                    .matcher(java.nio.file.Files.readString(ALERT_RULES));
            List<String> alerting = new java.util.ArrayList<>();
            while (named.find()) {
                alerting.add(named.group());
            }
            String scraped = metrics;
            assertThat(alerting).as("metrics in %s", ALERT_RULES).isNotEmpty()
                    .allSatisfy(metric -> assertThat(scraped).containsPattern("(?m)^" + metric + "[{ ]"));
            assertThat(indexer.terminate()).as("exit status after SIGTERM; log:\n%s", indexer.logTail()).isZero();
            assertThat(indexer.logTail()).contains("stopped cleanly");
        }
    }

    @Test
    void sigtermWhileStartingUpExitsZero(Engines engines) throws Exception {
        try (ConsumerProcess indexer = ConsumerProcess.start(List.of("--target-url", engines.get(Engine.OPENSEARCH_2).address(),
                "--kafka-bootstrap", engines.get(Engine.KAFKA).address(), "--topic", topic(engines, 1),
                "--group", Engines.uniqueName("g"), "--index", Engines.uniqueName("starting"), "--mapping-file",
                CONTRACT.toString(), "--create-index", "--state-index", Engines.uniqueName("state"), "--status-port", "0"),
                dir.resolve("starting.log"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!indexer.logTail().contains("starting with") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the startup checks are under way: nothing has been read, so there is nothing to finish
            assertThat(indexer.terminate()).as("log:\n%s", indexer.logTail()).isZero();
        }
    }

    private static ConsumerProcess startIndexer(List<String> runArgs, int port, Path log) throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(runArgs);
        args.addAll(List.of("--status-port", Integer.toString(port)));
        return ConsumerProcess.start(args, log);
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until the indexer applied the document {@code id}, and returns its source. */
    private static JsonNode awaitDocument(String url, String index, String id, ConsumerProcess indexer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(indexer.isAlive()).as("indexer died; log:\n%s", indexer.logTail()).isTrue();
            JsonNode document = IndexContents.readAll(url, index).get(id);
            if (document != null) {
                return document;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " was never applied to " + index + "; log:\n" + indexer.logTail());
    }

    private int run(Engines engines, String index, String topic, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--target-url", engines.get(Engine.OPENSEARCH_2).address(),
                "--kafka-bootstrap", engines.get(Engine.KAFKA).address(), "--topic", topic, "--group", Engines.uniqueName("g"),
                "--index", index, "--mapping-file", CONTRACT.toString(), "--status-port", "0"));
        if (!List.of(extra).contains("--state-index")) {
            args.addAll(List.of("--state-index", Engines.uniqueName("state")));
        }
        args.addAll(List.of(extra));
        return IndexerCommand.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String topic(Engines engines, int partitions) throws Exception {
        String topic = Engines.uniqueName("commands");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", engines.get(Engine.KAFKA).address()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void awaitStatus(HttpClient http, int port, String path, int status, ConsumerProcess indexer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(indexer.isAlive()).as("indexer died; log:\n%s", indexer.logTail()).isTrue();
            try {
                if (get(http, port, path).statusCode() == status) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // the server starts after the startup checks
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never answered " + status + "; log:\n" + indexer.logTail());
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
