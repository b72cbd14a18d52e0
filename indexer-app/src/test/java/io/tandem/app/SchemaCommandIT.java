package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem schema} as an operator runs it, against Elasticsearch 7.10 (old) and OpenSearch 2.19 (new). */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class SchemaCommandIT {

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @Test
    void planShowsApplyDoesAndASecondApplySaysNothingChanged(Engines engines) throws IOException {
        String es = engines.get(Engine.ELASTICSEARCH_7).address();
        String os = engines.get(Engine.OPENSEARCH_2).address();
        String p = Engines.uniqueName("cli");
        Path contract = contract("messages-v2.json", "", "");
        IndexContents.send(es, "PUT", "/_template/" + p + "-tpl", "{\"index_patterns\":[\"" + p + "-t-*\"],\"settings\":{\"number_of_shards\":1}}");
        IndexContents.send(es, "PUT", "/" + p + "-messages-v1", "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},"
                + "\"tags\":{\"type\":\"object\"}}},\"aliases\":{\"" + p + "-messages\":{}}}");
        List<String> sync = List.of("--source-url", es, "--target-url", os, "--include", p + "-*", "--replicas", "0",
                "--rename", p + "-messages-v1=" + p + "-messages-v2", "--definition", p + "-messages-v2=" + contract);

        assertThat(run("schema", "plan", sync)).isZero();
        assertThat(out.toString()).contains(
                "Schema sync plan: elasticsearch 7.10.2 (source) -> opensearch 2.19.1 (target)\n",
                "  + create " + p + "-tpl\n      + order: 0\n      + index_patterns: [\"" + p + "-t-*\"]\n"
                        + "      + settings.index.number_of_shards: 1\n",
                "  + create " + p + "-messages-v2 (from " + p + "-messages-v1)\n"
                        + "      note: settings and mappings from " + contract + ", not from the source\n",
                "      + mappings.tags.keyToValue: {\"type\":\"keyword\"}\n",
                "      + aliases." + p + "-messages: {}\n",
                "Plan: 2 to create, 0 to update, 0 unchanged, 0 conflict(s), ");
        assertThat(exists(os, p + "-messages-v2")).as("plan changes nothing").isFalse();

        assertThat(run("schema", "apply", sync)).isZero();
        assertThat(out.toString()).contains("created legacy template " + p + "-tpl\n",
                "created index " + p + "-messages-v2 (from " + p + "-messages-v1)\n", "Applied: 2 created, 0 updated; 0 unchanged, ");

        assertThat(run("schema", "apply", sync)).isZero();
        assertThat(out.toString()).doesNotContain("created").contains("Nothing changed: the target already matches (2 unchanged, ");

        assertThat(run("schema", "check", List.of("--target-url", os, "--index", p + "-messages", "--definition", contract.toString())))
                .isZero();
        assertThat(out.toString()).isEqualTo("index " + p + "-messages -> " + p + "-messages-v2 keeps the contract\n");
    }

    @Test
    void aConflictChangesNothingAndExitsOneUnlessOverwritingIsAsked(Engines engines) throws IOException {
        String es = engines.get(Engine.ELASTICSEARCH_7).address();
        String os = engines.get(Engine.OPENSEARCH_2).address();
        String p = Engines.uniqueName("cli-conflict");
        IndexContents.send(es, "PUT", "/_template/" + p + "-tpl", "{\"index_patterns\":[\"" + p + "-*\"],\"settings\":{\"number_of_shards\":1}}");
        IndexContents.send(os, "PUT", "/_template/" + p + "-tpl", "{\"index_patterns\":[\"" + p + "-*\"],\"settings\":{\"number_of_shards\":4}}");
        String before = IndexContents.send(os, "GET", "/_template/" + p + "-tpl", null).toString();
        List<String> sync = List.of("--source-url", es, "--target-url", os, "--include", p + "-*");

        assertThat(run("schema", "apply", sync)).isEqualTo(1);
        assertThat(out.toString()).contains("  ! conflict " + p + "-tpl: exists on the target with another definition "
                + "(overwriting conflicts replaces it)\n      ~ settings.index.number_of_shards: 4 -> 1\n");
        assertThat(err.toString()).isEqualTo("tandem: 1 conflict(s), nothing changed: legacy template " + p
                + "-tpl (resolve, exclude, or pass --overwrite-conflicts)\n");
        assertThat(IndexContents.send(os, "GET", "/_template/" + p + "-tpl", null).toString()).isEqualTo(before);
        assertThat(run("schema", "plan", sync)).isEqualTo(1);

        List<String> overwrite = new ArrayList<>(sync);
        overwrite.add("--overwrite-conflicts");
        assertThat(run("schema", "apply", overwrite)).isZero();
        assertThat(out.toString()).contains("updated legacy template " + p + "-tpl\n    ~ settings.index.number_of_shards: 4 -> 1\n",
                "Applied: 0 created, 1 updated;");
        assertThat(IndexContents.send(os, "GET", "/_template/" + p + "-tpl?flat_settings=true", null)
                .path(p + "-tpl").path("settings").path("index.number_of_shards").asText()).isEqualTo("1");
    }

    @Test
    void checkExitsOneWithTheFieldLevelDiffForAnAddedFieldAChangedTypeAndAChangedAnalyzer(Engines engines) throws IOException {
        String os = engines.get(Engine.OPENSEARCH_2).address();
        Path contract = contract("messages-v2.json", "", "");
        assertThat(run("schema", "print", List.of("--definition", contract.toString()))).isZero();
        String printed = out.toString();
        assertThat(JsonMapper.builder().build().readTree(printed))
                .isEqualTo(JsonMapper.builder().build().readTree(Files.readString(contract)));

        String kept = Engines.uniqueName("check");
        IndexContents.send(os, "PUT", "/" + kept, printed);
        assertThat(check(os, kept, contract)).isZero();
        assertThat(out.toString()).isEqualTo("index " + kept + " keeps the contract\n");

        IndexContents.send(os, "PUT", "/" + kept + "/_mapping", "{\"properties\":{\"extra\":{\"type\":\"keyword\"}}}");
        assertThat(check(os, kept, contract)).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("index " + kept + " differs from the contract in 1 place(s):\n"
                + "  + extra: keyword (in the live index, not in the contract)\n");

        assertThat(checkDrifted(os, contract, "\"createdAt\": { \"type\": \"date\" }", "\"createdAt\": { \"type\": \"keyword\" }"))
                .isEqualTo(1);
        assertThat(out.toString()).endsWith("differs from the contract in 1 place(s):\n  ~ createdAt: type date -> keyword\n");
        assertThat(checkDrifted(os, contract, "\"analyzer\": \"message_text\"", "\"analyzer\": \"standard\"")).isEqualTo(1);
        assertThat(out.toString()).endsWith("  ~ message: analyzer message_text -> standard\n");
        assertThat(checkDrifted(os, contract, "[\"lowercase\", \"asciifolding\"]", "[\"lowercase\"]")).isEqualTo(1);
        assertThat(out.toString()).endsWith("  ~ index.analysis.analyzer.message_text: filter [\"lowercase\",\"asciifolding\"] -> [\"lowercase\"]\n");

        String missing = Engines.uniqueName("missing");
        assertThat(check(os, missing, contract)).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("index " + missing + " does not exist\n");
    }

    /** Creates an index from the contract with one piece of its text replaced, and checks it against the contract. */
    private int checkDrifted(String url, Path contract, String from, String to) throws IOException {
        String index = Engines.uniqueName("drifted");
        Path drifted = contract("drifted-" + index + ".json", from, to);
        assertThat(run("schema", "print", List.of("--definition", drifted.toString()))).isZero();
        IndexContents.send(url, "PUT", "/" + index, out.toString());
        return check(url, index, contract);
    }

    private int check(String url, String index, Path contract) {
        return run("schema", "check", List.of("--target-url", url, "--index", index, "--definition", contract.toString()));
    }

    /** The contract shipped in indexer-core, written to a file, with {@code from} replaced by {@code to}. */
    private Path contract(String name, String from, String to) throws IOException {
        try (InputStream in = SchemaCommandIT.class.getResourceAsStream("/contracts/messages-v2.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains(from);
            Path file = dir.resolve(name);
            Files.writeString(file, from.isEmpty() ? text : text.replace(from, to));
            return file;
        }
    }

    private static boolean exists(String url, String index) {
        try {
            IndexContents.send(url, "GET", "/" + index, null);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private int run(String command, String subcommand, List<String> options) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(command, subcommand));
        args.addAll(options);
        return IndexerCommand.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
