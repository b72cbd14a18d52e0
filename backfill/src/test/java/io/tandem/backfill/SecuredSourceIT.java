package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.app.IndexerCommand;
import io.tandem.cli.CommandLines;
import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads the old cluster (schema apply, the backfill, verify, parity) against an Elasticsearch
 * reached as production ones are: HTTPS with its own CA, a user's password; here nginx in front of Elasticsearch 7.10
 * (its security, x-pack, is not on Maven Central), which checks TLS and basic auth exactly as a secured cluster's
 * HTTP layer does. The password comes from a file, the environment or a flag; none of them is printed or stored. A
 * wrong password and a certificate nobody vouched for are one line each, exit 3, and write nothing.
 */
@WithEngines({Engine.ELASTICSEARCH_7_SECURED, Engine.OPENSEARCH_2})
class SecuredSourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EngineEndpoint source;
    private String target;
    private String oldIndex;
    private String password;
    private Path settings;

    @BeforeEach
    void aSeededOldIndexOnTheSecuredCluster(Engines engines) throws Exception {
        source = engines.get(Engine.ELASTICSEARCH_7_SECURED);
        target = engines.get(Engine.OPENSEARCH_2).address();
        password = source.clientProperties().get("password");
        oldIndex = Engines.uniqueName("secured-old");
        // the fixture seeds the node behind the proxy; every Tandem command goes through the proxy
        OldIndex.seed(source.peerAddress(), oldIndex, 1500, false, 17);
        StringBuilder odd = new StringBuilder();
        for (ObjectNode doc : oddDocuments()) {
            odd.append("{\"index\":{\"_id\":").append(JSON.writeValueAsString(doc.path("id").asText())).append("}}\n")
                    .append(doc).append('\n');
        }
        IndexContents.send(source.peerAddress(), "POST", "/" + oldIndex + "/_bulk?refresh=true", odd.toString());
        Path passwordFile = Files.writeString(dir.resolve("source-password"), password + "\n");
        // without a password: each command below gives it its own way
        settings = Files.writeString(dir.resolve("tandem.properties"), String.join("\n",
                "source-url=" + source.address(),
                "source-username=" + source.clientProperties().get("username"),
                "source-ca-cert=" + source.clientProperties().get("ca-cert"),
                "target-url=" + target,
                "transform=tags-to-key-value",
                "transform-option=source=tags",
                ""));
        Files.writeString(dir.resolve("with-password-file.properties"),
                Files.readString(settings) + "source-password-file=" + passwordFile + "\n");
    }

    @Test
    void schemaBackfillVerifyAndParityReadTheSecuredClusterAsItsUserAndPrintNoSecret() throws Exception {
        String newIndex = Engines.uniqueName("secured-new");
        String stateIndex = Engines.uniqueName("tandem-state");
        Path withFile = dir.resolve("with-password-file.properties");
        List<Result> results = new ArrayList<>();

        Result schema = indexer(Map.of(), "schema", "apply", "--config", withFile.toString(), "--include", oldIndex,
                "--rename", oldIndex + "=" + newIndex, "--definition", newIndex + "=" + Migration.CONTRACT,
                "--replicas", "0", "--no-aliases");
        results.add(schema);
        assertThat(schema.exit()).as("%s", schema).isZero();

        Result backfill = backfill(Map.of(), "--config", withFile.toString(), "--source-index", oldIndex,
                "--target-index", newIndex, "--state-index", stateIndex, "--standalone", "--progress", "NONE",
                "--dead-letter-file", dir.resolve("dead-letters.ndjson").toString());
        results.add(backfill);
        assertThat(backfill.exit()).as("%s", backfill).isZero();
        Map<String, ObjectNode> copied = IndexContents.readAll(target, newIndex);
        assertThat(copied).hasSize(1500 + oddDocuments().size());
        assertThat(copied.get("ns:id/42 #? %+ 🚀").path("tags")).containsExactlyInAnyOrder(
                JSON.readTree("{\"keyToValue\": \"url:https://example.com/a?b=c\", \"value\": \"https://example.com/a?b=c\"}"),
                // a key holding the separator has it escaped (docs/parity.md), the value never
                JSON.readTree("{\"keyToValue\": \"k\\\\:8s:10:30:00\", \"value\": \"10:30:00\"}"));

        Result verify = indexer(Map.of("TANDEM_SOURCE_PASSWORD", password), "verify", "--config", settings.toString(),
                "--source-index", oldIndex, "--target-index", newIndex, "--full");
        results.add(verify);
        assertThat(verify.exit()).as("%s", verify).isZero();

        Path queries = Files.writeString(dir.resolve("queries.ndjson"), """
                {"name": "message-match", "order": "ORDERED", "body": {"query": {"match": {"message": "number"}}, "sort": ["n"], "size": 20}}
                """);
        Result parity = indexer(Map.of(), "parity", "--config", settings.toString(), "--source-password", password,
                "--source-index", oldIndex, "--target-index", newIndex, "--queries", queries.toString(),
                "--runs", "1", "--warmup-runs", "0", "--state-index", stateIndex);
        results.add(parity);
        assertThat(parity.exit()).as("%s", parity).isZero();

        List<String> stored = new ArrayList<>(List.of(IndexContents.readAll(target, stateIndex).toString()));
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("source-password")).toList()) {
                stored.add(Files.readString(file));
            }
        }
        for (Result result : results) {
            assertThat(result.out() + result.err()).doesNotContain(password);
        }
        assertThat(stored).noneMatch(text -> text.contains(password));
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheRefusalExitsThreeAndCopiesNothing() {
        String newIndex = emptyNewIndex();
        String wrong = password + "0";
        Result backfill = backfill(Map.of(), "--config", settings.toString(), "--source-password", wrong,
                "--source-index", oldIndex, "--target-index", newIndex, "--standalone", "--progress", "NONE");

        assertThat(backfill.exit()).as("%s", backfill).isEqualTo(3); // could not be let in
        assertThat(backfill.err().lines()).as("%s", backfill).singleElement().satisfies(line ->
                assertThat(line).contains("/" + oldIndex + "/").contains("answered HTTP 401").doesNotContain(wrong));
        assertThat(backfill.out() + backfill.err()).doesNotContain(wrong);
        assertThat(IndexContents.readAll(target, newIndex)).isEmpty();

        Result verify = indexer(Map.of("TANDEM_SOURCE_PASSWORD", wrong), "verify", "--config", settings.toString(),
                "--source-index", oldIndex, "--target-index", newIndex, "--full");
        assertThat(verify.exit()).as("%s", verify).isEqualTo(3);
        assertThat(verify.err().lines()).as("%s", verify).singleElement().satisfies(line ->
                assertThat(line).contains("answered HTTP 401").doesNotContain(wrong));
    }

    @Test
    void aCertificateNoGivenCaSignedIsOneLineNamingTheCertificateExitsThreeAndCopiesNothing() {
        String newIndex = emptyNewIndex();
        // the JVM's own trust store: the cluster's self-signed certificate is in no public CA's chain
        Result backfill = backfill(Map.of(), "--source-url", source.address(), "--source-username",
                source.clientProperties().get("username"), "--source-password", password, "--target-url", target,
                "--source-index", oldIndex, "--target-index", newIndex, "--transform", "tags-to-key-value",
                "--transform-option", "source=tags", "--standalone", "--progress", "NONE");

        assertThat(backfill.exit()).as("%s", backfill).isEqualTo(3);
        assertThat(backfill.err().lines()).as("%s", backfill).singleElement().satisfies(line ->
                assertThat(line).contains("the TLS certificate of " + source.address() + " is not signed by a CA this "
                        + "client trusts").endsWith("give that CA's PEM file with --source-ca-cert or --target-ca-cert"));
        assertThat(backfill.out() + backfill.err()).doesNotContain(password);
        assertThat(IndexContents.readAll(target, newIndex)).isEmpty();
    }

    private String emptyNewIndex() {
        String newIndex = Engines.uniqueName("secured-new");
        try {
            IndexContents.send(target, "PUT", "/" + newIndex, Files.readString(Migration.CONTRACT));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return newIndex;
    }

    /** Ids a URL must escape, tag values and keys holding ':', a 40,000-character message. */
    private static List<ObjectNode> oddDocuments() throws Exception {
        return List.of(
                (ObjectNode) JSON.readTree("""
                        {"id": "ns:id/42 #? %+ 🚀", "message": "odd id", "n": 100001,
                         "tags": {"url": "https://example.com/a?b=c", "k:8s": "10:30:00"}}"""),
                (ObjectNode) JSON.readTree("{\"id\": \"long one\", \"message\": \"" + "x".repeat(40_000)
                        + "\", \"n\": 100002, \"tags\": {\"a\": \"b:c\"}}"));
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private static Result backfill(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = BackfillCommand.execute(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static Result indexer(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new IndexerCommand(), args, environment,
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
