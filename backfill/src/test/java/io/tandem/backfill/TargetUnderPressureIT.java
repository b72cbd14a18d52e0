package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue L's back-pressure on a real engine that refuses: the target is OpenSearch 2.19 with one write thread, a
 * write queue of 2 and requests of at most 1 MB (local-stack's {@code opensearch-2-constrained}). Its own 429s are
 * retried until every document is written, and counted; a document larger than a request may be is a dead letter
 * naming why, and every other document is copied.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2_CONSTRAINED})
class TargetUnderPressureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyDocumentIsWrittenThroughTheTargetsOwn429sAndTheRetriesAreCounted(Engines engines) throws Exception {
        int docs = 30_000;
        Migration m = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2_CONSTRAINED).address(), "pressure", docs, false, 11);

        // 3 slices, 6 requests in flight of 2 shards each, against 1 write thread and 2 queued tasks
        Migration.Result result = Migration.run(m.args("--concurrency", "3", "--bulk-in-flight", "6",
                "--bulk-max-docs", "200", "--progress", "NONE", "--state-index", Engines.uniqueName("state"),
                "--dead-letter-file", dir.resolve("pressure.ndjson").toString()));

        System.out.println(result.output()); // the report's figures: how many writes the engine refused for a while
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains(String.format(Locale.ROOT, "%,d read, %,d written, 0 stale, 0 failed",
                docs, docs)).containsPattern("[0-9,]+ writes sent again after the target refused them for a while");
        m.assertTargetEqualsTransformedSource();
    }

    @Test
    void aDocumentLargerThanTheTargetAcceptsIsADeadLetterNamingWhyAndEveryOtherIsCopied(Engines engines) throws Exception {
        String sourceUrl = engines.get(Engine.ELASTICSEARCH_7).address();
        Migration m = Migration.seeded(sourceUrl, engines.get(Engine.OPENSEARCH_2_CONSTRAINED).address(), "large", 2_000,
                false, 12);
        ObjectNode large = (ObjectNode) IndexContents.send(sourceUrl, "GET", "/" + m.source() + "/_doc/msg-7", null)
                .path("_source").deepCopy();
        large.put("id", "msg-large").put("message", "x".repeat(1_500_000)); // 1.5 MB: above 1 MB, the target's limit
        IndexContents.send(sourceUrl, "PUT", "/" + m.source() + "/_doc/msg-large?refresh=true", JSON.writeValueAsString(large));
        Path deadLetters = dir.resolve("large.ndjson");

        Migration.Result result = Migration.run(m.args("--progress", "NONE", "--state-index", Engines.uniqueName("state"),
                "--dead-letter-file", deadLetters.toString()));

        assertThat(result.exit()).as("a failed document is no success; %s", result.output()).isEqualTo(1);
        assertThat(result.output()).contains("2,001 read, 2,000 written, 0 stale, 1 failed");
        List<String> lines = Files.readAllLines(deadLetters);
        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode letter = JSON.readTree(line);
            assertThat(letter.path("id").asText()).isEqualTo("msg-large");
            assertThat(letter.path("reason").asText())
                    .isEqualTo("http_413: the request is larger than the cluster accepts (http.max_content_length)");
        });
        IndexContents.send(m.targetUrl(), "POST", "/" + m.target() + "/_refresh", null);
        assertThat(IndexContents.send(m.targetUrl(), "GET", "/" + m.target() + "/_count", null).path("count").asLong())
                .isEqualTo(2_000);
    }
}
