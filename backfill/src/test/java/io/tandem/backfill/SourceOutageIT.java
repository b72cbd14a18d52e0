package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The old cluster gone for over a minute in the middle of a backfill (the network to Elasticsearch 7.10 cut: open
 * connections reset, new ones refused): the backfill waits for it, and the slices whose scroll expired meanwhile
 * are read again in their chunks not finished; the copy ends complete, every document equal to its transformed original.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class SourceOutageIT {

    private static final int DOCS = 20_000;
    /**
     * Over a minute: the engine frees an expired scroll only when its reaper runs, every search.keep_alive_interval
     * (1 min, not dynamic on 7.10), so a scroll expired 10 s into the outage is surely gone only 70 s into it.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(80);
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSourceDownForAMinuteIsWaitedForAndTheSlicesWhoseScrollExpiredAreReadAgain(Engines engines) throws Exception {
        Migration seeded = Migration.seeded(engines.get(Engine.ELASTICSEARCH_7).address(),
                engines.get(Engine.OPENSEARCH_2).address(), "outage", DOCS, false, 9);
        Migration.Result run;
        try (NetworkOutage network = new NetworkOutage(seeded.sourceUrl())) {
            Migration m = new Migration(network.url(), seeded.source(), seeded.targetUrl(), seeded.target());
            // a scroll kept 10 s cannot outlive an 80 s outage: its slice must be read again
            CompletableFuture<Migration.Result> backfill = CompletableFuture.supplyAsync(() -> Migration.run(m.args(
                    "--throttle", "1500", "--scroll-size", "500", "--scroll-keep-alive", "PT10S",
                    "--source-outage", "PT3M", "--state-index", Engines.uniqueName("state"), "--progress", "NONE",
                    "--dead-letter-file", dir.resolve("dl.ndjson").toString())));
            awaitCopied(m, 3_000, backfill);
            network.cut(OUTAGE);
            run = backfill.get(5, TimeUnit.MINUTES);
            assertThat(network.refused()).as("connections refused during the outage").isPositive();
        }

        System.out.println(run.output());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("COMPLETED").containsPattern("; [1-9] read again in their chunks not finished")
                .contains("0 failed");
        Map<String, ObjectNode> copied = IndexContents.readAll(seeded.targetUrl(), seeded.target());
        Map<String, ObjectNode> originals = IndexContents.readAll(seeded.sourceUrl(), seeded.source());
        assertThat(copied).hasSize(DOCS);
        List<String> wrong = originals.entrySet().stream()
                .filter(e -> !asJson(TAGS.apply(e.getKey(), e.getValue())).equals(copied.get(e.getKey())))
                .map(Map.Entry::getKey).limit(5).toList();
        assertThat(wrong).as("documents not equal to their transformed original").isEmpty();
    }

    /** Waits until the target holds {@code documents} copies, the backfill still running. */
    private static void awaitCopied(Migration m, long documents, CompletableFuture<Migration.Result> backfill)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertThat(backfill).as("the backfill is still copying").isNotDone();
            IndexContents.send(m.targetUrl(), "POST", "/" + m.target() + "/_refresh", null);
            long count = IndexContents.send(m.targetUrl(), "GET", "/" + m.target() + "/_count", null).path("count").asLong();
            if (count >= documents) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backfill did not copy " + documents + " documents in 2 minutes");
    }

    private static ObjectNode asJson(ObjectNode doc) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
