package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration between secured clusters, every command as docs/security.md says to run it: the old cluster an
 * Elasticsearch 7.10 behind HTTPS and basic auth (nginx), the new one an OpenSearch 2.19 with its security plugin
 * where Tandem's user holds exactly the target role the page writes out (read from the page), and a secured
 * OpenSearch read as the old cluster by a user holding exactly the page's source role; an Elasticsearch 8.19 with its
 * own security (x-pack), read and written by users holding the page's Elasticsearch roles, and by an API key. The
 * secrets come from files and the environment; none is printed, logged or stored. A user without a privilege the
 * command needs gets one line, exit 3, and nothing is written.
 */
@WithEngines({Engine.KAFKA, Engine.ELASTICSEARCH_7_SECURED, Engine.OPENSEARCH_2_SECURED, Engine.ELASTICSEARCH_8_SECURED})
class SecuredClustersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 1200;
    private static final Path SECURITY_PAGE = Path.of("..", "docs", "security.md");

    @TempDir
    Path dir;

    private EngineEndpoint kafka;
    private EngineEndpoint oldCluster;
    private EngineEndpoint newCluster;
    private EngineEndpoint elasticsearch;
    private String oldIndex;
    private String newIndex;
    private String alias;
    private String stateIndex;
    private String topic;
    private List<String> secrets;
    /** Where the migration's consumer serves /metrics. */
    private int consumerStatusPort;

    @BeforeEach
    void names(Engines engines) {
        kafka = engines.get(Engine.KAFKA);
        oldCluster = engines.get(Engine.ELASTICSEARCH_7_SECURED);
        newCluster = engines.get(Engine.OPENSEARCH_2_SECURED);
        elasticsearch = engines.get(Engine.ELASTICSEARCH_8_SECURED);
        String p = Engines.uniqueName("sec");
        oldIndex = p + "-messages-v1";
        newIndex = p + "-messages-v2";
        alias = p + "-messages";
        stateIndex = p + "-tandem-state";
        topic = p + "-commands";
        secrets = new ArrayList<>(List.of(oldCluster.clientProperties().get("password"),
                newCluster.clientProperties().get("password"), elasticsearch.clientProperties().get("password")));
    }

    @Test
    void theWholeMigrationRunsAsTheDocumentedTargetRoleOnASecuredOpenSearchAndPrintsNoSecret() throws Exception {
        String password = user("tandem-" + oldIndex, targetRole());
        OldIndex.seed(oldCluster.peerAddress(), oldIndex, HISTORY, false, 5);
        IndexContents.send(oldCluster.peerAddress(), "POST", "/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\"" + oldIndex + "\",\"alias\":\"" + alias + "\"}}]}");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Path settings = settings("tandem-" + oldIndex, password);
        List<String> printed = new ArrayList<>();
        Path consumerLog = dir.resolve("consumer.log");
        Process consumer = applySchemaAndStartTheConsumer(printed, settings, consumerLog);
        try {
            // the application's writes, to its old index and as commands: odd ids, versions above 2^31, a delete
            String odd = "ns:id/7 #? %+ 🚀";
            String oddDoc = "{\"id\": \"ns:id/7\", \"message\": \"live\", \"n\": 1, "
                    + "\"tags\": {\"url\": \"https://x/y?z=1\", \"at\": \"10:30:00\"}}";
            String updated = "{\"id\": \"msg-1\", \"message\": \"updated live\", \"n\": 2, \"tags\": {\"env\": \"prod\"}}";
            IndexContents.send(oldCluster.peerAddress(), "PUT", "/" + oldIndex + "/_doc/" + segment(odd), oddDoc);
            IndexContents.send(oldCluster.peerAddress(), "PUT", "/" + oldIndex + "/_doc/msg-1", updated);
            IndexContents.send(oldCluster.peerAddress(), "DELETE", "/" + oldIndex + "/_doc/msg-2?refresh=true", null);
            produce(List.of(command("upsert", odd, 3_000_000_001L, oddDoc), command("upsert", "msg-1", 3_000_000_002L, updated),
                    "{\"op\": \"delete\", \"id\": \"msg-2\", \"version\": 3000000003}"));

            backfillLagVerifyCutoverStatus(printed, settings);
            assertThat(IndexContents.send(newCluster, "GET", "/_alias/" + alias, null).has(newIndex)).isTrue();
            Map<String, ObjectNode> migrated = IndexContents.readAll(newCluster, newIndex);
            assertThat(migrated).hasSize(HISTORY).doesNotContainKey("msg-2").containsKey("ns:id/7 #? %+ 🚀");
            assertThat(migrated.get("msg-1").path("message").asText()).isEqualTo("updated live");
            assertThat(migrated.get("ns:id/7 #? %+ 🚀").path("tags")).containsExactlyInAnyOrder(
                    JSON.readTree("{\"keyToValue\": \"url:https://x/y?z=1\", \"value\": \"https://x/y?z=1\"}"),
                    JSON.readTree("{\"keyToValue\": \"at:10:30:00\", \"value\": \"10:30:00\"}"));

            Result rollback = indexer(printed, "rollback", "--config", settings.toString(), "--read-alias", alias);
            assertThat(rollback.exit()).as("%s", rollback).isZero();
            assertThat(IndexContents.send(newCluster, "GET", "/" + newIndex + "/_alias", null)
                    .path(newIndex).path("aliases").has(alias)).isFalse();
            printed.addAll(servedAndShown(consumer));
        } finally {
            ConsumerProcess.stop(consumer);
        }
        printed.add(Files.readString(consumerLog));
        printed.add(IndexContents.readAll(newCluster, stateIndex).toString());
        assertNoSecretIn(printed);
    }

    @Test
    void theBackfillAndVerifyReadASecuredOpenSearchAsTheDocumentedSourceRole() throws Exception {
        String reader = "reader-" + oldIndex;
        String writer = "tandem-" + oldIndex;
        String readerPassword = user(reader, sourceRole());
        String writerPassword = user(writer, targetRole());
        seedOnNewCluster();
        IndexContents.send(newCluster, "PUT", "/" + newIndex, Files.readString(Migration.CONTRACT));
        Files.writeString(dir.resolve("reader-password"), readerPassword + "\n");
        Files.writeString(dir.resolve("writer-password"), writerPassword + "\n");
        // one secured OpenSearch, v1 -> v2: the source as the reader, the target as the writer
        List<String> pair = List.of("--source-url", newCluster.address(), "--source-username", reader,
                "--source-password-file", dir.resolve("reader-password").toString(), "--source-ca-cert",
                newCluster.clientProperties().get("ca-cert"), "--target-url", newCluster.address(),
                "--target-username", writer, "--target-password-file", dir.resolve("writer-password").toString(),
                "--target-ca-cert", newCluster.clientProperties().get("ca-cert"), "--source-index", oldIndex,
                "--target-index", newIndex);
        List<String> printed = new ArrayList<>();

        List<String> backfillArgs = new ArrayList<>(pair);
        backfillArgs.addAll(List.of("--transform", "tags-to-key-value", "--transform-option", "source=tags",
                "--standalone", "--progress", "NONE", "--state-index", stateIndex));
        Result backfill = backfill(printed, backfillArgs.toArray(String[]::new));
        assertThat(backfill.exit()).as("%s", backfill).isZero();
        assertThat(IndexContents.readAll(newCluster, newIndex)).hasSize(HISTORY);

        List<String> verifyArgs = new ArrayList<>(List.of("verify", "--full", "--state-index", stateIndex));
        verifyArgs.addAll(pair);
        verifyArgs.addAll(List.of("--transform", "tags-to-key-value", "--transform-option", "source=tags"));
        Result verify = indexer(printed, verifyArgs.toArray(String[]::new));
        assertThat(verify.exit()).as("%s", verify).isZero();
        secrets.addAll(List.of(readerPassword, writerPassword));
        assertNoSecretIn(printed);
    }

    @Test
    void aUserWhoMayOnlyReadTheNewIndexIsOneLineNamingTheRefusalExitsThreeAndWritesNothing() throws Exception {
        String user = "reader-" + oldIndex;
        // the source role, the state index's privileges (a single document's write is a bulk one to the security
        // plugin: cluster_composite_ops), and only reading on the new index
        ObjectNode role = (ObjectNode) sourceRole();
        ((ArrayNode) role.path("cluster_permissions")).add("cluster_composite_ops");
        ((ArrayNode) role.path("index_permissions")).add(JSON.readTree("""
                {"index_patterns": ["%s"], "allowed_actions": ["crud", "create_index", "manage"]}""".formatted(stateIndex)))
                .add(JSON.readTree("""
                {"index_patterns": ["%s"], "allowed_actions": ["read", "indices_monitor", "indices:admin/get",
                                                               "indices:admin/mappings/get"]}""".formatted(newIndex)));
        String password = user(user, role);
        seedOnNewCluster();
        IndexContents.send(newCluster, "PUT", "/" + newIndex, Files.readString(Migration.CONTRACT));
        Files.writeString(dir.resolve("password"), password + "\n");

        Result backfill = backfill(new ArrayList<>(), "--source-url", newCluster.address(), "--source-username", user,
                "--source-password-file", dir.resolve("password").toString(), "--source-ca-cert",
                newCluster.clientProperties().get("ca-cert"), "--target-url", newCluster.address(),
                "--target-username", user, "--target-password-file", dir.resolve("password").toString(),
                "--target-ca-cert", newCluster.clientProperties().get("ca-cert"), "--source-index", oldIndex,
                "--target-index", newIndex, "--transform", "tags-to-key-value", "--transform-option", "source=tags",
                "--standalone", "--progress", "NONE", "--state-index", stateIndex);

        assertThat(backfill.exit()).as("%s", backfill).isEqualTo(3);
        assertThat(backfill.err().lines()).as("%s", backfill).singleElement().satisfies(line -> assertThat(line)
                .contains("/" + newIndex).contains("answered HTTP 403 security_exception: no permissions for [indices:")
                .doesNotContain(password));
        assertThat(IndexContents.readAll(newCluster, newIndex)).isEmpty();
    }

    @Test
    void aClientCertificateTheClusterIssuedAuthenticatesWithoutAPasswordAndOneItDoesNotTrustIsOneLineExitThree() throws Exception {
        // the engine's client certificate authenticates as its CN; map both documented roles to that user
        String certificateUser = newCluster.clientProperties().get("client-user");
        for (Map.Entry<String, JsonNode> role : Map.of("source-" + oldIndex, sourceRole(), "target-" + oldIndex, targetRole()).entrySet()) {
            IndexContents.send(newCluster, "PUT", "/_plugins/_security/api/roles/" + role.getKey(), role.getValue().toString());
            IndexContents.send(newCluster, "PUT", "/_plugins/_security/api/rolesmapping/" + role.getKey(),
                    "{\"users\": [\"" + certificateUser + "\"]}");
        }
        seedOnNewCluster();
        IndexContents.send(newCluster, "PUT", "/" + newIndex, Files.readString(Migration.CONTRACT));
        String ca = newCluster.clientProperties().get("ca-cert");

        Result backfill = backfill(new ArrayList<>(), withCertificates(newCluster.clientProperties().get("client-cert"),
                newCluster.clientProperties().get("client-key"), ca));
        assertThat(backfill.exit()).as("%s", backfill).isZero();
        assertThat(IndexContents.readAll(newCluster, newIndex)).hasSize(HISTORY);

        Path untrusted = selfSignedClientCertificate();
        String otherIndex = Engines.uniqueName("sec-other");
        newIndex = otherIndex;
        IndexContents.send(newCluster, "PUT", "/" + otherIndex, Files.readString(Migration.CONTRACT));
        Result refused = backfill(new ArrayList<>(), withCertificates(untrusted.resolve("client.pem").toString(),
                untrusted.resolve("client-key.pem").toString(), ca));
        assertThat(refused.exit()).as("%s", refused).isEqualTo(3);
        // the plugin asks for a certificate without requiring one: one it does not trust authenticates no one
        assertThat(refused.err().lines()).as("%s", refused).singleElement().satisfies(line -> assertThat(line)
                .contains("/" + oldIndex + "/").endsWith("answered HTTP 401 Unauthorized"));
        assertThat(IndexContents.readAll(newCluster, otherIndex)).isEmpty();
    }

    @Test
    void onElasticsearchWithItsOwnSecuritySchemaBackfillAndVerifyRunAsTheDocumentedRolesAndAnApiKeyWritesToo()
            throws Exception {
        String reader = "reader-" + oldIndex;
        String writer = "tandem-" + oldIndex;
        String readerPassword = elasticsearchUser(reader, documentedRole("_security/role/", "tandem_source", newIndex));
        String writerPassword = elasticsearchUser(writer, documentedRole("_security/role/", "tandem_target", newIndex));
        seedOldIndexOn(elasticsearch);
        Files.writeString(dir.resolve("reader-password"), readerPassword + "\n");
        Files.writeString(dir.resolve("writer-password"), writerPassword + "\n");
        String ca = elasticsearch.clientProperties().get("ca-cert");
        List<String> source = List.of("--source-url", elasticsearch.address(), "--source-username", reader,
                "--source-password-file", dir.resolve("reader-password").toString(), "--source-ca-cert", ca);
        List<String> asWriter = List.of("--target-url", elasticsearch.address(), "--target-username", writer,
                "--target-password-file", dir.resolve("writer-password").toString(), "--target-ca-cert", ca);
        List<String> printed = new ArrayList<>();

        List<String> schema = new ArrayList<>(List.of("schema", "apply", "--include", oldIndex, "--rename",
                oldIndex + "=" + newIndex, "--definition", newIndex + "=" + Migration.CONTRACT, "--replicas", "0",
                "--no-aliases"));
        schema.addAll(source);
        schema.addAll(asWriter);
        Result schemaApply = indexer(printed, schema.toArray(String[]::new));
        assertThat(schemaApply.exit()).as("%s", schemaApply).isZero();

        Result backfill = backfill(printed, elasticsearchBackfill(source, asWriter, newIndex));
        assertThat(backfill.exit()).as("%s", backfill).isZero();
        assertThat(IndexContents.readAll(elasticsearch, newIndex)).hasSize(HISTORY);

        List<String> verify = new ArrayList<>(List.of("verify", "--full", "--state-index", stateIndex, "--source-index",
                oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value", "--transform-option", "source=tags"));
        verify.addAll(source);
        verify.addAll(asWriter);
        Result verified = indexer(printed, verify.toArray(String[]::new));
        assertThat(verified.exit()).as("%s", verified).isZero();
        assertThat(verified.out()).contains("missing     0", "extra       0", "different   0");

        // an API key for the documented target role, made by the administrator, writes a second copy
        String keyed = Engines.uniqueName("sec-keyed");
        IndexContents.send(elasticsearch, "PUT", "/" + keyed, Files.readString(Migration.CONTRACT));
        JsonNode key = IndexContents.send(elasticsearch, "POST", "/_security/api_key", JSON.createObjectNode()
                .put("name", "tandem-target").set("role_descriptors", JSON.createObjectNode()
                        .set("tandem_target", documentedRole("_security/role/", "tandem_target", keyed))).toString());
        Files.writeString(dir.resolve("api-key"), key.path("encoded").asText() + "\n");
        List<String> asKey = List.of("--target-url", elasticsearch.address(), "--target-api-key-file",
                dir.resolve("api-key").toString(), "--target-ca-cert", ca);
        Result withKey = backfill(printed, elasticsearchBackfill(source, asKey, keyed));
        assertThat(withKey.exit()).as("%s", withKey).isZero();
        assertThat(IndexContents.readAll(elasticsearch, keyed)).hasSize(HISTORY);

        secrets.addAll(List.of(readerPassword, writerPassword, key.path("encoded").asText(), key.path("api_key").asText()));
        assertNoSecretIn(printed);
    }

    @Test
    void onElasticsearchTheConsumerLagCutoverStatusAndRollbackRunAsTheDocumentedTargetRole() throws Exception {
        String reader = "reader-" + oldIndex;
        String writer = "tandem-" + oldIndex;
        String readerPassword = elasticsearchUser(reader, documentedRole("_security/role/", "tandem_source", newIndex));
        String writerPassword = elasticsearchUser(writer, documentedRole("_security/role/", "tandem_target", newIndex));
        seedOldIndexOn(elasticsearch);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.address()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Files.writeString(dir.resolve("reader-password"), readerPassword + "\n");
        Files.writeString(dir.resolve("writer-password"), writerPassword + "\n");
        String ca = elasticsearch.clientProperties().get("ca-cert");
        // v1 -> v2 in one secured Elasticsearch: the old index read as the source role, the rest as the target role
        Path settings = Files.writeString(dir.resolve("tandem.properties"), String.join("\n",
                "source-url=" + elasticsearch.address(), "source-username=" + reader,
                "source-password-file=" + dir.resolve("reader-password"), "source-ca-cert=" + ca,
                "target-url=" + elasticsearch.address(), "target-username=" + writer,
                "target-password-file=" + dir.resolve("writer-password"), "target-ca-cert=" + ca,
                "kafka-bootstrap=" + kafka.address(), "topic=" + topic, "group=" + Engines.uniqueName("tandem"),
                "transform=tags-to-key-value", "transform-option=source=tags", "state-index=" + stateIndex, ""));
        List<String> printed = new ArrayList<>();
        Path consumerLog = dir.resolve("consumer.log");
        Process consumer = applySchemaAndStartTheConsumer(printed, settings, consumerLog);
        try {
            String updated = "{\"id\": \"msg-1\", \"message\": \"updated live\", \"n\": 2, \"tags\": {\"at\": \"10:30:00\"}}";
            IndexContents.send(elasticsearch, "PUT", "/" + oldIndex + "/_doc/msg-1", updated);
            IndexContents.send(elasticsearch, "DELETE", "/" + oldIndex + "/_doc/msg-2?refresh=true", null);
            produce(List.of(command("upsert", "msg-1", 3_000_000_002L, updated),
                    "{\"op\": \"delete\", \"id\": \"msg-2\", \"version\": 3000000003}"));
            backfillLagVerifyCutoverStatus(printed, settings);
            assertThat(IndexContents.send(elasticsearch, "GET", "/_alias/" + alias, null).has(newIndex)).isTrue();
            Map<String, ObjectNode> migrated = IndexContents.readAll(elasticsearch, newIndex);
            assertThat(migrated).hasSize(HISTORY - 1).doesNotContainKey("msg-2");
            assertThat(migrated.get("msg-1").path("tags")).containsExactly(
                    JSON.readTree("{\"keyToValue\": \"at:10:30:00\", \"value\": \"10:30:00\"}"));
            Result rollback = indexer(printed, "rollback", "--config", settings.toString(), "--read-alias", alias);
            assertThat(rollback.exit()).as("%s", rollback).isZero();
            assertThat(IndexContents.send(elasticsearch, "GET", "/" + newIndex + "/_alias", null)
                    .path(newIndex).path("aliases").has(alias)).isFalse();
            printed.addAll(servedAndShown(consumer));
        } finally {
            ConsumerProcess.stop(consumer);
        }
        printed.add(Files.readString(consumerLog));
        printed.add(IndexContents.readAll(elasticsearch, stateIndex).toString());
        secrets.addAll(List.of(readerPassword, writerPassword));
        assertNoSecretIn(printed);
    }

    @Test
    void onElasticsearchAUserWhoMayOnlyReadTheNewIndexAndAnInvalidatedKeyAreOneLineExitThreeAndWriteNothing()
            throws Exception {
        String reader = "reader-" + oldIndex;
        String readerPassword = elasticsearchUser(reader, documentedRole("_security/role/", "tandem_source", newIndex));
        // the target role, but only reading on the new index
        ObjectNode readOnly = (ObjectNode) documentedRole("_security/role/", "tandem_target", newIndex);
        ((ObjectNode) readOnly.path("indices").get(0)).set("names", JSON.createArrayNode().add(stateIndex));
        ((ArrayNode) readOnly.path("indices")).add(JSON.readTree("""
                {"names": ["%s"], "privileges": ["read", "view_index_metadata"]}""".formatted(newIndex)));
        String user = "readonly-" + oldIndex;
        String password = elasticsearchUser(user, readOnly);
        seedOldIndexOn(elasticsearch);
        IndexContents.send(elasticsearch, "PUT", "/" + newIndex, Files.readString(Migration.CONTRACT));
        Files.writeString(dir.resolve("reader-password"), readerPassword + "\n");
        Files.writeString(dir.resolve("password"), password + "\n");
        String ca = elasticsearch.clientProperties().get("ca-cert");
        List<String> source = List.of("--source-url", elasticsearch.address(), "--source-username", reader,
                "--source-password-file", dir.resolve("reader-password").toString(), "--source-ca-cert", ca);

        Result refused = backfill(new ArrayList<>(), elasticsearchBackfill(source, List.of("--target-url",
                elasticsearch.address(), "--target-username", user, "--target-password-file",
                dir.resolve("password").toString(), "--target-ca-cert", ca), newIndex));

        assertThat(refused.exit()).as("%s", refused).isEqualTo(3);
        assertThat(refused.err().lines()).as("%s", refused).singleElement().satisfies(line -> assertThat(line)
                .contains("/" + newIndex).contains("answered HTTP 403 security_exception: action [indices:")
                .contains("is unauthorized for user [" + user + "]").doesNotContain(password));
        assertThat(IndexContents.readAll(elasticsearch, newIndex)).isEmpty();

        JsonNode key = IndexContents.send(elasticsearch, "POST", "/_security/api_key", JSON.createObjectNode()
                .put("name", "invalidated").set("role_descriptors", JSON.createObjectNode()
                        .set("tandem_target", documentedRole("_security/role/", "tandem_target", newIndex))).toString());
        IndexContents.send(elasticsearch, "DELETE", "/_security/api_key", "{\"ids\": [\"" + key.path("id").asText() + "\"]}");
        Files.writeString(dir.resolve("api-key"), key.path("encoded").asText() + "\n");
        Result invalidated = backfill(new ArrayList<>(), elasticsearchBackfill(source, List.of("--target-url",
                elasticsearch.address(), "--target-api-key-file", dir.resolve("api-key").toString(), "--target-ca-cert",
                ca), newIndex));

        assertThat(invalidated.exit()).as("%s", invalidated).isEqualTo(3);
        assertThat(invalidated.err().lines()).as("%s", invalidated).singleElement().satisfies(line -> assertThat(line)
                .contains("answered HTTP 401 security_exception").doesNotContain(key.path("encoded").asText()));
        assertThat(IndexContents.readAll(elasticsearch, newIndex)).isEmpty();
    }

    /** {@code schema apply} of the new index from the contract, then the consumer, both with the settings file alone. */
    private Process applySchemaAndStartTheConsumer(List<String> printed, Path settings, Path consumerLog) throws Exception {
        Path contract = Migration.CONTRACT;
        Result schema = indexer(printed, "schema", "apply", "--config", settings.toString(), "--include", oldIndex,
                "--rename", oldIndex + "=" + newIndex, "--definition", newIndex + "=" + contract, "--replicas", "0",
                "--no-aliases");
        assertThat(schema.exit()).as("%s", schema).isZero();
        consumerStatusPort = ConsumerProcess.freePort();
        return ConsumerProcess.startReady(List.of("run", "--config", settings.toString(), "--target-index", newIndex,
                "--mapping-file", contract.toString()), consumerLog, consumerStatusPort);
    }

    /**
     * The backfill, {@code lag}, {@code verify --full}, the cross-cluster cutover and {@code status}, each with the
     * settings file alone (plus the migration's names), as docs/security.md runs them: each exits 0.
     */
    private void backfillLagVerifyCutoverStatus(List<String> printed, Path settings) {
        Result backfill = backfill(printed, "--config", settings.toString(), "--source-index", oldIndex,
                "--target-index", newIndex, "--progress", "NONE", "--dead-letter-file",
                dir.resolve("dead-letters.ndjson").toString());
        assertThat(backfill.exit()).as("%s", backfill).isZero();
        String contract = Migration.CONTRACT.toString();
        for (List<String> step : List.of(
                List.of("lag", "--config", settings.toString()),
                List.of("verify", "--config", settings.toString(), "--source-index", oldIndex, "--target-index",
                        newIndex, "--full"),
                List.of("cutover", "--config", settings.toString(), "--mode", "CROSS_CLUSTER", "--source-index",
                        oldIndex, "--target-index", newIndex, "--read-alias", alias, "--mapping-file", contract,
                        "--max-lag-time", "PT5S"),
                List.of("status", "--config", settings.toString(), "--target-index", newIndex, "--read-alias",
                        alias, "--mapping-file", contract))) {
            Result result = indexer(printed, step.toArray(String[]::new));
            assertThat(result.exit()).as("%s", result).isZero();
        }
    }

    /** The running consumer's /metrics, and its command line as {@code ps} shows it: where no secret may be either. */
    private List<String> servedAndShown(Process consumer) throws Exception {
        String metrics = ConsumerProcess.served(consumerStatusPort, "/metrics");
        assertThat(metrics).contains("tandem_");
        String commandLines = ChildJvm.commandLines(consumer);
        assertThat(commandLines).contains("--config");
        return List.of(metrics, commandLines);
    }

    /** None of the secrets of this test in anything a command printed, logged, served or stored. */
    private void assertNoSecretIn(List<String> printed) {
        for (String text : printed) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    /** A v1 -> v2 backfill in the secured Elasticsearch into {@code target}, each side as {@code source} / {@code asTarget} say. */
    private String[] elasticsearchBackfill(List<String> source, List<String> asTarget, String target) {
        List<String> args = new ArrayList<>(source);
        args.addAll(asTarget);
        args.addAll(List.of("--source-index", oldIndex, "--target-index", target, "--transform", "tags-to-key-value",
                "--transform-option", "source=tags", "--standalone", "--progress", "NONE", "--state-index", stateIndex));
        return args.toArray(String[]::new);
    }

    /** A user holding exactly {@code role} on the secured Elasticsearch, made by its administrator; returns the password. */
    private String elasticsearchUser(String name, JsonNode role) {
        String password = randomSecret();
        IndexContents.send(elasticsearch, "PUT", "/_security/role/" + name, role.toString());
        IndexContents.send(elasticsearch, "PUT", "/_security/user/" + name,
                "{\"password\": \"" + password + "\", \"roles\": [\"" + name + "\"]}");
        return password;
    }

    /** A v1 -> v2 backfill in the secured OpenSearch, both sides as the holder of a client certificate. */
    private String[] withCertificates(String certificate, String key, String ca) {
        return new String[] {"--source-url", newCluster.address(), "--source-client-cert", certificate,
                "--source-client-key", key, "--source-ca-cert", ca, "--target-url", newCluster.address(),
                "--target-client-cert", certificate, "--target-client-key", key, "--target-ca-cert", ca,
                "--source-index", oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value",
                "--transform-option", "source=tags", "--standalone", "--progress", "NONE", "--state-index", stateIndex};
    }

    /** A client certificate no CA of the cluster issued: keytool's self-signed one, its key written as PKCS#8 PEM. */
    private Path selfSignedClientCertificate() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("untrusted.p12");
        String password = randomSecret();
        for (List<String> args : List.of(
                List.of("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=" + newCluster.clientProperties().get("client-user"), "-validity", "2", "-keystore",
                        store.toString(), "-storetype", "PKCS12", "-storepass:env", "STORE_PASSWORD"),
                List.of("-exportcert", "-rfc", "-alias", "client", "-file", dir.resolve("client.pem").toString(),
                        "-keystore", store.toString(), "-storepass:env", "STORE_PASSWORD"))) {
            List<String> command = new ArrayList<>(List.of(keytool.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("STORE_PASSWORD", password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
        }
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        byte[] key = keys.getKey("client", password.toCharArray()).getEncoded();
        Files.writeString(dir.resolve("client-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key)
                + "\n-----END PRIVATE KEY-----\n");
        return dir;
    }

    /** The target role as docs/security.md writes it, for this migration's indices. */
    private JsonNode targetRole() throws Exception {
        return documentedRole("tandem_target");
    }

    /** The source role as docs/security.md writes it, for this migration's old index. */
    private JsonNode sourceRole() throws Exception {
        return documentedRole("tandem_source");
    }

    /**
     * The role {@code name} of docs/security.md (its {@code PUT _plugins/_security/api/roles/<name>} block), the
     * page's index names replaced by this test's: a role that is wrong on the page fails here.
     */
    private JsonNode documentedRole(String name) throws Exception {
        return documentedRole("_plugins/_security/api/roles/", name, newIndex);
    }

    /**
     * The role {@code name} of docs/security.md under {@code PUT <api><name>}, OpenSearch's or Elasticsearch's, with
     * the page's index names replaced by this test's, {@code messages-v2} by {@code newName}.
     */
    private JsonNode documentedRole(String api, String name, String newName) throws Exception {
        Matcher block = Pattern.compile("(?s)PUT " + Pattern.quote(api) + name + "\\n(\\{.*?\\})\\n```")
                .matcher(Files.readString(SECURITY_PAGE));
        assertThat(block.find()).as("docs/security.md holds the role " + api + name).isTrue();
        Map<String, String> names = Map.of("messages-v1", oldIndex, "messages-v2", newName, "messages", alias,
                "tandem-state", stateIndex, "*", "*");
        JsonNode role = JSON.readTree(block.group(1));
        // OpenSearch names them index_permissions[].index_patterns, Elasticsearch indices[].names
        for (JsonNode permission : role.path("index_permissions").isMissingNode() ? role.path("indices") : role.path("index_permissions")) {
            ArrayNode patterns = (ArrayNode) (permission.has("names") ? permission.path("names") : permission.path("index_patterns"));
            for (int i = 0; i < patterns.size(); i++) {
                String documented = patterns.get(i).asText();
                assertThat(names).as("an index name of the documented role").containsKey(documented);
                patterns.set(i, names.get(documented));
            }
        }
        return role;
    }

    /** A user holding exactly {@code role} on the secured OpenSearch, made by its administrator; returns the password. */
    private String user(String name, JsonNode role) {
        String password = randomSecret();
        IndexContents.send(newCluster, "PUT", "/_plugins/_security/api/roles/" + name, role.toString());
        IndexContents.send(newCluster, "PUT", "/_plugins/_security/api/internalusers/" + name,
                "{\"password\": \"" + password + "\"}");
        IndexContents.send(newCluster, "PUT", "/_plugins/_security/api/rolesmapping/" + name,
                "{\"users\": [\"" + name + "\"]}");
        return password;
    }

    private void seedOnNewCluster() {
        seedOldIndexOn(newCluster);
    }

    /** The old index, {@value #HISTORY} messages, on a secured cluster (as its administrator). */
    private void seedOldIndexOn(EngineEndpoint cluster) {
        StringBuilder bulk = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < HISTORY; i++) {
            bulk.append("{\"index\":{\"_id\":\"msg-").append(i).append("\"}}\n").append(OldIndex.document(i, random)).append('\n');
        }
        IndexContents.send(cluster, "PUT", "/" + oldIndex, "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0}}");
        IndexContents.send(cluster, "POST", "/" + oldIndex + "/_bulk?refresh=true", bulk.toString());
    }

    /** The settings file of docs/security.md: addresses, users, CA certificates, password files; no secret in it. */
    private Path settings(String user, String password) throws Exception {
        Files.writeString(dir.resolve("old-password"), oldCluster.clientProperties().get("password") + "\n");
        Files.writeString(dir.resolve("new-password"), password + "\n");
        return Files.writeString(dir.resolve("tandem.properties"), String.join("\n",
                "source-url=" + oldCluster.address(),
                "source-username=" + oldCluster.clientProperties().get("username"),
                "source-password-file=" + dir.resolve("old-password"),
                "source-ca-cert=" + oldCluster.clientProperties().get("ca-cert"),
                "target-url=" + newCluster.address(),
                "target-username=" + user,
                "target-password-file=" + dir.resolve("new-password"),
                "target-ca-cert=" + newCluster.clientProperties().get("ca-cert"),
                "kafka-bootstrap=" + kafka.address(),
                "topic=" + topic,
                "group=" + Engines.uniqueName("tandem"),
                "transform=tags-to-key-value",
                "transform-option=source=tags",
                "state-index=" + stateIndex,
                ""));
    }

    private static String segment(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String command(String op, String id, long version, String doc) throws Exception {
        ObjectNode command = JSON.createObjectNode().put("op", op).put("id", id).put("version", version);
        command.set("doc", JSON.readTree(doc));
        return command.toString();
    }

    private void produce(List<String> commands) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.address()),
                new StringSerializer(), new StringSerializer())) {
            for (String command : commands) {
                producer.send(new ProducerRecord<>(topic, JSON.readTree(command).path("id").asText(), command))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "Tandem-" + HexFormat.of().formatHex(bytes);
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static Result backfill(List<String> printed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = BackfillCommand.execute(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true));
        Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        printed.add(result.out() + result.err());
        return result;
    }

    private static Result indexer(List<String> printed, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new IndexerCommand(), args, Map.of(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        Result result = new Result(exit, out.toString(), err.toString());
        printed.add(result.out() + result.err());
        return result;
    }
}
