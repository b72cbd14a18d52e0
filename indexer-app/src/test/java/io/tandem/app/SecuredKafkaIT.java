package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.cli.CommandLines;
import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer against a Kafka secured as production ones are: SASL_SSL only, a SCRAM-SHA-512 user holding exactly
 * the ACLs docs/deployment.md lists (read and describe the command topic and the group, write and describe the
 * dead-letter topic), TLS trusted through a trust store. The consumer, the dead-letter producer and the lag check
 * (the same connection as cutover's and status's) authenticate; a wrong password and a missing privilege are one
 * clear line each; the secrets given in the settings file, the environment and the flags appear nowhere in what the
 * commands printed, logged or stored.
 */
@WithEngines({Engine.KAFKA_SASL_SSL, Engine.OPENSEARCH_2})
class SecuredKafkaIT {

    private static final String MAPPING = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"dynamic": "strict", "properties": {"name": {"type": "keyword"}}}}""";

    @TempDir
    Path dir;

    private EngineEndpoint kafka;
    private String url;
    private String topic;
    private String deadLetters;
    private String group;
    private String index;
    private String stateIndex;
    private String user;
    private String password;

    @BeforeEach
    void aUserWithTheDocumentedAcls(Engines engines) throws Exception {
        kafka = engines.get(Engine.KAFKA_SASL_SSL);
        url = engines.get(Engine.OPENSEARCH_2).address();
        topic = Engines.uniqueName("secured-commands");
        deadLetters = topic + ".dlq";
        group = Engines.uniqueName("tandem");
        index = Engines.uniqueName("secured-new");
        stateIndex = Engines.uniqueName("tandem-state");
        user = Engines.uniqueName("tandem-user");
        password = randomSecret();
        try (Admin admin = Admin.create(asAdmin())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(deadLetters, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(
                    allow(ResourceType.TOPIC, topic, AclOperation.READ),
                    allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE),
                    allow(ResourceType.GROUP, group, AclOperation.READ),
                    allow(ResourceType.GROUP, group, AclOperation.DESCRIBE),
                    allow(ResourceType.TOPIC, deadLetters, AclOperation.WRITE),
                    allow(ResourceType.TOPIC, deadLetters, AclOperation.DESCRIBE))).all().get(30, TimeUnit.SECONDS);
        }
        IndexContents.send(url, "PUT", "/" + index, MAPPING);
        Files.writeString(dir.resolve("new-index.json"), MAPPING);
    }

    @Test
    void theIndexerReplaysDeadLettersAndReportsLagAsALeastPrivilegeScramUserAndNoSecretIsPrintedOrStored()
            throws Exception {
        List<String> commands = List.of(
                "{\"op\": \"upsert\", \"id\": \"a/b c#1\", \"version\": 3000000001, \"doc\": {\"name\": \"first\"}}",
                "{\"op\": \"upsert\", \"id\": \"gone\", \"version\": 3000000002, \"doc\": {\"name\": \"brief\"}}",
                "{\"op\": \"delete\", \"id\": \"gone\", \"version\": 3000000003}",
                "not a command at all");
        produceAsAdmin(commands);
        // the JAAS line and the trust store's password from the settings file, as a mounted secret would hold them
        Path settings = dir.resolve("tandem.properties");
        Files.writeString(settings, String.join("\n",
                "kafka-security-protocol=SASL_SSL",
                "kafka-sasl-mechanism=SCRAM-SHA-512",
                "kafka-sasl-jaas-config=" + jaas(user, password),
                "kafka-ssl-truststore=" + kafka.clientProperties().get("ssl.truststore.location"),
                "kafka-ssl-truststore-password=" + truststorePassword(),
                ""));

        int statusPort;
        try (ServerSocket free = new ServerSocket(0)) {
            statusPort = free.getLocalPort();
        }
        ConsumerProcess indexer = ConsumerProcess.start(List.of("--config", settings.toString(),
                "--target-url", url, "--kafka-bootstrap", kafka.address(), "--topic", topic, "--group", group,
                "--index", index, "--mapping-file", dir.resolve("new-index.json").toString(),
                "--status-port", Integer.toString(statusPort), "--state-index", stateIndex), dir.resolve("indexer.log"));
        String metrics;
        String commandLines;
        try {
            try (Admin admin = Admin.create(asAdmin())) {
                indexer.awaitCommitted(admin, group, topic, commands.size(), Duration.ofMinutes(2));
            }
            metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statusPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tandem_");
            commandLines = indexer.commandLines();
            assertThat(commandLines).contains("--config");
            assertThat(indexer.terminate()).as(indexer.logTail()).isZero();
        } finally {
            indexer.close();
        }
        assertThat(new TreeMap<>(IndexContents.readAll(url, index)).keySet()).containsExactly("a/b c#1");
        List<String> deadLetters = deadLettersAsAdmin();
        assertThat(deadLetters).singleElement().asString().startsWith("not a command at all\n");

        // the lag check (cutover's and status's too) with its secrets from the environment
        Result lag = run(List.of("lag", "--kafka-bootstrap", kafka.address(), "--group", group, "--topic", topic,
                "--kafka-security-protocol", "SASL_SSL", "--kafka-sasl-mechanism", "SCRAM-SHA-512",
                "--kafka-ssl-truststore", kafka.clientProperties().get("ssl.truststore.location")),
                Map.of("TANDEM_KAFKA_SASL_JAAS_CONFIG", jaas(user, password),
                        "TANDEM_KAFKA_SSL_TRUSTSTORE_PASSWORD", truststorePassword()));
        assertThat(lag.exit()).as("%s", lag).isZero();
        assertThat(lag.out()).containsPattern("TOTAL +0");

        List<String> secrets = List.of(password, truststorePassword());
        String stored = IndexContents.readAll(url, stateIndex).toString();
        // everything it printed, logged, served, stored and published, and what ps shows of it
        for (String printed : List.of(Files.readString(dir.resolve("indexer.log")), lag.out(), lag.err(), stored, metrics,
                String.join("\n", deadLetters), commandLines)) {
            for (String secret : secrets) {
                assertThat(printed).doesNotContain(secret);
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheFailedAuthenticationAndExitsThree() {
        String wrong = randomSecret();
        Result lag = run(lagAs(jaas(user, wrong)), Map.of());

        assertThat(lag.exit()).as("%s", lag).isEqualTo(3); // could not be let in
        assertThat(lag.err().lines()).as("%s", lag).singleElement().satisfies(line -> assertThat(line)
                .contains("Authentication failed").contains("SCRAM-SHA-512").doesNotContain(wrong));
    }

    @Test
    void aUserWithoutTheGroupPrivilegeIsOneLineNamingTheGroupAndExitsThree() throws Exception {
        String outsider = Engines.uniqueName("outsider");
        String outsiderPassword = randomSecret();
        try (Admin admin = Admin.create(asAdmin())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(outsider,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), outsiderPassword))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry("User:" + outsider, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Result lag = run(lagAs(jaas(outsider, outsiderPassword)), Map.of());

        assertThat(lag.exit()).as("%s", lag).isEqualTo(3); // could not be let in
        assertThat(lag.err().lines()).as("%s", lag).singleElement().satisfies(line -> assertThat(line)
                .containsIgnoringCase("authoriz").contains(group));
    }

    private List<String> lagAs(String jaasLine) {
        return List.of("lag", "--kafka-bootstrap", kafka.address(), "--group", group, "--topic", topic,
                "--kafka-security-protocol", "SASL_SSL", "--kafka-sasl-mechanism", "SCRAM-SHA-512",
                "--kafka-sasl-jaas-config", jaasLine,
                "--kafka-ssl-truststore", kafka.clientProperties().get("ssl.truststore.location"),
                "--kafka-ssl-truststore-password", truststorePassword());
    }

    private AclBinding allow(ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private Map<String, Object> asAdmin() {
        Map<String, Object> properties = new HashMap<>(kafka.clientProperties());
        properties.put("bootstrap.servers", kafka.address());
        return properties;
    }

    private String truststorePassword() {
        return kafka.clientProperties().get("ssl.truststore.password");
    }

    private void produceAsAdmin(List<String> commands) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asAdmin(), new StringSerializer(),
                new StringSerializer())) {
            for (String command : commands) {
                producer.send(new ProducerRecord<>(topic, command)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private List<String> deadLettersAsAdmin() {
        Map<String, Object> properties = asAdmin();
        properties.put("group.id", Engines.uniqueName("dlq-reader"));
        properties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(deadLetters));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    // the value, then every header: what a dead letter holds
                    StringBuilder letter = new StringBuilder(record.value());
                    record.headers().forEach(header -> letter.append('\n').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.UTF_8)));
                    values.add(letter.toString());
                }
            }
            return values;
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static Result run(List<String> args, Map<String, String> environment) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new IndexerCommand(), args.toArray(String[]::new), environment,
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
