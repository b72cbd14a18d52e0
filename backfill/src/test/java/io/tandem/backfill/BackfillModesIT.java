package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.Engine;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill's other modes on real engines: the remote-reindex engine, a version from a document field, the dry
 * run, and a run stopped by SIGTERM.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class BackfillModesIT {

    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void remoteReindexEngineCopiesThroughPainlessAtVersionZero(Engines engines) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "reindex", 3_000, false, 4);
        String oldUrl = m.sourceUrl();
        String newUrl = m.targetUrl();
        String source = m.source();
        String target = m.target();
        // a live write got there first: the copy must not overwrite it
        IndexContents.send(newUrl, "PUT", "/" + target + "/_doc/msg-7?version=3&version_type=external",
                "{\"id\":\"msg-7\",\"message\":\"live\",\"n\":7,\"tags\":[]}");

        Migration.Result result = Migration.run(m.args("--engine", "REMOTE_REINDEX", "--state-index", Engines.uniqueName("state")));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("COMPLETED").contains("1 stale, 0 failed");
        Map<String, ObjectNode> old = IndexContents.readAll(oldUrl, source);
        Map<String, ObjectNode> copied = IndexContents.readAll(newUrl, target);
        assertThat(copied).hasSameSizeAs(old);
        assertThat(copied.get("msg-7").path("message").asText()).isEqualTo("live");
        List<String> different = new ArrayList<>();
        old.forEach((id, doc) -> {
            // Painless sees the tags map unordered and sorts it: compare the pairs as a set
            if (!id.equals("msg-7") && !sortedTags(TAGS.apply(id, doc)).equals(sortedTags(copied.get(id)))) {
                different.add(id);
            }
        });
        assertThat(different).isEmpty();
    }

    @Test
    void aVersionFieldBesideTheTagsIsReadThoughTheTransformReadsOnlyTheTags(Engines engines) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "field-version", 2_000, false, 7);
        // only the tags are parsed for the transform; the rule's field must be parsed too, whatever its size
        IndexContents.send(m.sourceUrl(), "POST", "/" + m.source() + "/_update/msg-7?refresh=true",
                "{\"doc\":{\"n\":3000000000123}}");

        Migration.Result result = Migration.run(m.args("--version-rule", "field:n", "--state-index",
                Engines.uniqueName("state"), "--dead-letter-file", dir.resolve("field.ndjson").toString()));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("COMPLETED").contains("0 stale, 0 failed");
        Map<String, ObjectNode> old = IndexContents.readAll(m.sourceUrl(), m.source());
        for (String id : List.of("msg-0", "msg-1", "msg-7", "msg-1999")) {
            JsonNode copied = IndexContents.send(m.targetUrl(), "GET", "/" + m.target() + "/_doc/" + id, null);
            assertThat(copied.path("_version").asLong()).as(id).isEqualTo(old.get(id).path("n").asLong());
            assertThat(copied.path("_source")).as(id)
                    .isEqualTo(JSON.readTree(JSON.writeValueAsBytes(TAGS.apply(id, old.get(id)))));
        }
    }

    @Test
    void dryRunReportsWhatWouldFailAndWritesNothingToTheTarget(Engines engines) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "dry", 500, false, 5);
        String oldUrl = m.sourceUrl();
        String newUrl = m.targetUrl();
        String source = m.source();
        String target = m.target();
        // three old documents carry a field the strict new mapping does not know
        for (int i : new int[] {3, 30, 300}) {
            IndexContents.send(oldUrl, "POST", "/" + source + "/_update/msg-" + i + "?refresh=true", "{\"doc\":{\"legacy\":\"x\"}}");
        }
        Path deadLetters = dir.resolve("dry.ndjson");

        Migration.Result result = Migration.run(m.args("--dry-run", "--state-index", Engines.uniqueName("state"),
                "--dead-letter-file", deadLetters.toString(), "--progress", "NONE"));

        assertThat(result.exit()).as("something would fail").isEqualTo(1);
        assertThat(result.output()).contains("dry run: nothing was written to " + target).contains("3 would fail");
        assertThat(Files.readAllLines(deadLetters)).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("strict_dynamic_mapping_exception").contains("legacy"));
        // each dead letter holds the old document's source as the old cluster has it
        for (String line : Files.readAllLines(deadLetters)) {
            JsonNode letter = JSON.readTree(line);
            JsonNode old = IndexContents.send(oldUrl, "GET", "/" + source + "/_doc/" + letter.path("id").asText(), null);
            assertThat(letter.path("source")).isEqualTo(old.path("_source"));
            assertThat(letter.path("source").path("legacy").asText()).isEqualTo("x");
        }
        assertThat(IndexContents.send(newUrl, "GET", "/" + target + "/_count", null).path("count").asLong()).isZero();
        assertThat(IndexContents.send(newUrl, "GET", "/_cat/indices/" + target + "*?format=json", null))
                .as("the scratch index is gone").hasSize(1);
    }

    @Test
    void sigtermStopsTheRunRestoresTheTargetAndReportsIt(Engines engines) throws Exception {
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "sigterm", 30_000, false, 6);
        String newUrl = m.targetUrl();
        String target = m.target();
        String refreshBefore = refreshInterval(newUrl, target);
        Path log = dir.resolve("sigterm.log");
        Process job = ChildJvm.start(BackfillCommand.class.getName(), List.of(), m.args("--throttle", "3000",
                "--progress", "LOG", "--state-index", Engines.uniqueName("state"),
                "--dead-letter-file", dir.resolve("sigterm.ndjson").toString()), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"-1".equals(refreshInterval(newUrl, target)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_500);
            // SIGTERM alone: Process.destroy() would also close stdin, which the launcher reads as "parent gone"
            job.toHandle().destroy();
            assertThat(job.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            job.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(job.exitValue()).as(output).isNotZero();
        assertThat(output).contains("INTERRUPTED").contains("index.refresh_interval").contains("(restored)");
        assertThat(refreshInterval(newUrl, target)).isEqualTo(refreshBefore);
    }

    private static String refreshInterval(String url, String index) {
        return IndexContents.send(url, "GET", "/" + index + "/_settings", null).elements().next()
                .path("settings").path("index").path("refresh_interval").asText("(default)");
    }

    private static JsonNode sortedTags(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        ArrayNode sorted = JSON.createArrayNode();
        StreamSupport.stream(doc.path("tags").spliterator(), false)
                .sorted(Comparator.comparing(tag -> tag.path("keyToValue").asText())).forEach(sorted::add);
        copy.set("tags", sorted);
        try {
            return JSON.readTree(JSON.writeValueAsBytes(copy));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


}
