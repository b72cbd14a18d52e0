package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.RestFixture;
import io.tandem.localstack.RestFixture.Reply;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof behind {@link GcDeletesWindow}, with plain REST requests: the live consumer indexes a document (v5) and
 * deletes it (v6); then the backfill, which read the document from the old index before the delete, writes it with
 * version 0. Whether the delete holds depends only on whether the tombstone is still honoured.
 *
 * <p>What decides (read in both engines' {@code InternalEngine.resolveDocVersion}, and shown here): a write looks the
 * id up in the shard's in-memory version map; a delete tombstone found there counts only while
 * {@code now - deleteTime <= index.gc_deletes}, with {@code now} the thread pool's cached clock (200 ms steps). An
 * expired tombstone is ignored on the spot, pruned or not; pruning (on refresh, flush and delete, at most every
 * gc_deletes/4) only frees memory. With no tombstone, the lookup falls through to Lucene, where the deleted document is
 * not live, so any version is accepted. Hence (b) is deterministic once the window plus a margin for the cached clock
 * has passed, and (c) shows no pruning is needed for it.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class LateBackfillWriteIT {

    private static final Duration SHORT_WINDOW = Duration.ofSeconds(1);
    /** The cached clock ticks every 200 ms and may lag on a busy machine: wait well past the window. */
    private static final Duration PAST_SHORT_WINDOW = SHORT_WINDOW.plusSeconds(1);
    private static final String ID = "msg-1";

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aRaisedWindowKeepsTheDocumentDeleted(Engine engine, Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, "");
            assertThat(new GcDeletesWindow(rest.client()).raise(index, Duration.ofHours(1))).isTrue();
            indexV5ThenDeleteV6(rest, index);
            // the same time and churn that expire the tombstone in (b): only the window differs
            waitWhilePruning(rest, index, PAST_SHORT_WINDOW);

            Reply late = lateBackfillWrite(rest, index);

            assertThat(late.status()).as("%s", late).isEqualTo(409);
            assertThat(late.body().path("error").path("type").asText()).isEqualTo("version_conflict_engine_exception");
            assertAbsent(rest, index);
            rest.send("POST", "/" + index + "/_refresh", null);
            assertAbsent(rest, index);
            assertThat(searchHits(rest, index)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void anExpiredWindowLetsTheLateWriteResurrectTheDocument(Engine engine, Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, ",\"gc_deletes\":\"" + GcDeletesWindow.format(SHORT_WINDOW) + "\"");
            indexV5ThenDeleteV6(rest, index);
            waitWhilePruning(rest, index, PAST_SHORT_WINDOW);

            Reply late = lateBackfillWrite(rest, index);

            assertThat(late.status()).as("%s", late).isEqualTo(201);
            assertResurrected(rest, index);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void anExpiredTombstoneIsIgnoredEvenWhenNothingPrunedIt(Engine engine, Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            // no scheduled refresh, and no request at all while waiting: the tombstone is still in the version map
            String index = createIndex(rest, ",\"gc_deletes\":\"" + GcDeletesWindow.format(SHORT_WINDOW)
                    + "\",\"refresh_interval\":\"-1\"");
            indexV5ThenDeleteV6(rest, index);
            Thread.sleep(PAST_SHORT_WINDOW.toMillis());

            Reply late = lateBackfillWrite(rest, index);

            assertThat(late.status()).as("%s", late).isEqualTo(201);
            assertResurrected(rest, index);
        }
    }

    /**
     * The limit of the window: tombstones live only in memory, so a reopened index (like a restarted node or a moved
     * primary shard, which also start a new engine) has none, whatever gc_deletes says. Should an engine ever persist
     * them, this test fails, and the caveat in {@link GcDeletesWindow} can go.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void reopeningTheIndexDropsTombstonesWhateverTheWindow(Engine engine, Engines engines) throws Exception {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = createIndex(rest, ",\"gc_deletes\":\"1h\"");
            indexV5ThenDeleteV6(rest, index);
            assertThat(rest.send("POST", "/" + index + "/_close", null).status()).isEqualTo(200);
            assertThat(rest.send("POST", "/" + index + "/_open", null).status()).isEqualTo(200);
            assertThat(rest.send("GET", "/_cluster/health/" + index + "?wait_for_status=green&timeout=30s", null)
                    .body().path("status").asText()).isEqualTo("green");

            Reply late = lateBackfillWrite(rest, index);

            assertThat(late.status()).as("%s", late).isEqualTo(201);
            assertResurrected(rest, index);
        }
    }

    private static String createIndex(RestFixture rest, String extraSettings) {
        String index = Engines.uniqueName("tombstone");
        Reply created = rest.send("PUT", "/" + index,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0" + extraSettings + "}}");
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        return index;
    }

    private static void indexV5ThenDeleteV6(RestFixture rest, String index) {
        Reply indexed = rest.send("PUT", "/" + index + "/_doc/" + ID + "?version=5&version_type=external",
                "{\"message\":\"live v5\"}");
        assertThat(indexed.status()).as("%s", indexed).isEqualTo(201);
        Reply deleted = rest.send("DELETE", "/" + index + "/_doc/" + ID + "?version=6&version_type=external", null);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.body().path("result").asText()).isEqualTo("deleted");
    }

    private static Reply lateBackfillWrite(RestFixture rest, String index) {
        return rest.send("PUT", "/" + index + "/_doc/" + ID + "?version=0&version_type=external", "{\"message\":\"backfill v0\"}");
    }

    /**
     * Gives pruning every chance while {@code duration} passes: each delete, refresh and flush prunes tombstones older
     * than gc_deletes, and unrelated writes keep the flushes real.
     */
    private static void waitWhilePruning(RestFixture rest, String index, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        for (int round = 0; System.nanoTime() < end; round++) {
            String other = "/" + index + "/_doc/unrelated-" + round;
            assertThat(rest.send("PUT", other + "?version=1&version_type=external", "{\"message\":\"x\"}").status()).isEqualTo(201);
            assertThat(rest.send("DELETE", other + "?version=2&version_type=external", null).status()).isEqualTo(200);
            assertThat(rest.send("POST", "/" + index + "/_refresh", null).status()).isEqualTo(200);
            assertThat(rest.send("POST", "/" + index + "/_flush", null).status()).isEqualTo(200);
            Thread.sleep(200);
        }
    }

    private static void assertAbsent(RestFixture rest, String index) {
        Reply get = rest.send("GET", "/" + index + "/_doc/" + ID, null);
        assertThat(get.status()).as("%s", get).isEqualTo(404);
        assertThat(get.body().path("found").asBoolean(true)).isFalse();
    }

    private static void assertResurrected(RestFixture rest, String index) {
        Reply get = rest.send("GET", "/" + index + "/_doc/" + ID, null);
        assertThat(get.status()).as("%s", get).isEqualTo(200);
        assertThat(get.body().path("_version").asLong()).isZero();
        assertThat(get.body().path("_source").path("message").asText()).isEqualTo("backfill v0");
        rest.send("POST", "/" + index + "/_refresh", null);
        assertThat(searchHits(rest, index)).isEqualTo(1);
    }

    private static long searchHits(RestFixture rest, String index) {
        return rest.send("POST", "/" + index + "/_search?track_total_hits=true",
                "{\"query\":{\"ids\":{\"values\":[\"" + ID + "\"]}}}").body().path("hits").path("total").path("value").asLong();
    }
}
