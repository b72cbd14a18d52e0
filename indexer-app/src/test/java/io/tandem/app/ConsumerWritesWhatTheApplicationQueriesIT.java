package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer writes what the application queries: the old application's documents, sent as commands, become
 * exactly the new documents written out by hand in {@code testdata/application-queries/} (the backfill's
 * {@code ApplicationQueriesAfterMigrationIT} holds it to the same file): {@code keyToValue} is
 * {@code key + ":" + value} with only a key holding {@code :} or {@code \} escaped, and an {@code actions} the tags
 * left empty is gone. Versions above 2^31, a stale command and a delete ride along. The transform is on record: a
 * restart with other options is refused before it reads a record.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2})
class ConsumerWritesWhatTheApplicationQueriesIT {

    private static final Path DIR = Path.of("..", "testdata", "application-queries").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE_VERSION = 3_000_000_000L; // above 2^31

    @TempDir
    Path dir;

    @Test
    void replayedCommandsGiveExactlyTheDocumentsTheApplicationExpectsAndARestartWithOtherTransformOptionsIsRefused(
            Engines engines) throws Exception {
        String bootstrap = engines.get(Engine.KAFKA).address();
        String url = engines.get(Engine.OPENSEARCH_2).address();
        String topic = Engines.uniqueName("app-commands");
        String index = Engines.uniqueName("app-new");
        String group = Engines.uniqueName("tandem");
        IndexContents.send(url, "PUT", "/" + index, Files.readString(DIR.resolve("new-index.json")));

        List<String> commands = new ArrayList<>();
        long version = BASE_VERSION;
        for (String line : Files.readAllLines(DIR.resolve("old-documents.ndjson"), StandardCharsets.UTF_8)) {
            JsonNode old = JSON.readTree(line);
            commands.add(upsert(old.path("_id").asText(), ++version, old.path("_source")));
        }
        // late and stale: an older state of "svc" must not overwrite the newer one
        commands.add(upsert("svc", BASE_VERSION, JSON.readTree("{\"id\": \"d2\", \"actions\": {\"tags\": {\"old\": \"x:y\"}}}")));
        // created, then deleted for good
        commands.add(upsert("gone", BASE_VERSION + 100, JSON.readTree("{\"id\": \"gone\", \"actions\": {\"tags\": {\"a\": \"b\"}}}")));
        commands.add("{\"op\": \"delete\", \"id\": \"gone\", \"version\": " + (BASE_VERSION + 101) + "}");
        produce(bootstrap, topic, commands);

        List<String> run = List.of("--target-url", url, "--kafka-bootstrap", bootstrap,
                "--topic", topic, "--group", group, "--index", index,
                "--mapping-file", DIR.resolve("new-index.json").toString(), "--transform", "tags-to-key-value",
                "--status-port", "0", "--state-index", Engines.uniqueName("tandem-state"));
        List<String> asMigrated = new ArrayList<>(run);
        asMigrated.addAll(List.of("--transform-option", "source=actions.tags", "--transform-option", "target=tags"));
        ConsumerProcess indexer = ConsumerProcess.start(asMigrated, dir.resolve("indexer.log"));
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                indexer.awaitCommitted(admin, group, topic, commands.size(), Duration.ofMinutes(2));
            }
            assertThat(indexer.terminate()).as(indexer.logTail()).isZero();
        } finally {
            indexer.close();
        }

        Map<String, JsonNode> expected = new TreeMap<>();
        JSON.readTree(DIR.resolve("expected-new-documents.json").toFile()).properties()
                .forEach(entry -> expected.put(entry.getKey(), entry.getValue()));
        Map<String, ObjectNode> actual = IndexContents.readAll(url, index);
        assertThat(new TreeMap<String, JsonNode>(actual)).isEqualTo(expected);

        // restarted with the transform's options forgotten: refused before it reads a record, nothing rewritten
        send(bootstrap, topic, List.of(upsert("late", BASE_VERSION + 200,
                JSON.readTree("{\"id\": \"late\", \"actions\": {\"tags\": {\"a\": \"b\"}}}"))));
        List<String> forgotten = new ArrayList<>(run);
        forgotten.addAll(List.of("--transform-option", "source=tags"));
        ConsumerProcess refused = ConsumerProcess.start(forgotten, dir.resolve("refused.log"));
        try {
            assertThat(refused.awaitExit(90)).as(refused.logTail()).hasValue(1);
            assertThat(refused.logTail()).contains("the documents of " + index + " are written with transform "
                    + "tags-to-key-value {source=actions.tags, target=tags}", "this command was given tags-to-key-value {source=tags}");
        } finally {
            refused.close();
        }
        assertThat(new TreeMap<String, JsonNode>(IndexContents.readAll(url, index))).isEqualTo(expected);
    }

    private static String upsert(String id, long version, JsonNode doc) throws Exception {
        return JSON.writeValueAsString(Map.of("op", "upsert", "id", id, "version", version, "doc", doc));
    }

    private static void produce(String bootstrap, String topic, List<String> commands) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        send(bootstrap, topic, commands);
    }

    private static void send(String bootstrap, String topic, List<String> commands) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (String command : commands) {
                producer.send(new ProducerRecord<>(topic, JSON.readTree(command).path("id").asText(), command));
            }
            producer.flush();
        }
    }
}
