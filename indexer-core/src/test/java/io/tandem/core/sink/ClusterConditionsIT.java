package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.document.Operation;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cluster conditions on real engines (the local engines run with the disk threshold off, so nothing but the test
 * lifts a read-only-allow-delete block) ({@link ClusterCondition}): a closed target index, a write block and the flood
 * stage's read-only-allow-delete block make the writer wait, writes never rejected, and once the index is opened or
 * the block lifted every document is applied; a missing index the cluster does not create, or an alias without a
 * write index, stop the writer with the reason, no write taken for rejected. Each test first classifies the engine's
 * own answer to a {@code _bulk} of that index, so the shapes the unit tests hold are the engines' real ones.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
@Timeout(180)
class ClusterConditionsIT {

    private static final String PREFIX = "it.conditions";
    private static final String MAPPINGS = "{\"dynamic\":\"strict\",\"properties\":{\"title\":{\"type\":\"keyword\"},"
            + "\"v\":{\"type\":\"long\"}}}";
    private static final BulkSettings SETTINGS = BulkSettings.defaults().withMaxDocs(50)
            .withFlushInterval(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    private static final int DOCUMENTS = 120;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    /** How an operator puts a condition that may pass on an index, and takes it away. */
    enum Hold {
        CLOSED("POST", "/%s/_close", null, "POST", "/%s/_open", null, ClusterCondition.INDEX_CLOSED, "is closed"),
        WRITE_BLOCK("PUT", "/%s/_settings", "{\"index.blocks.write\":true}",
                "PUT", "/%s/_settings", "{\"index.blocks.write\":null}", ClusterCondition.WRITE_BLOCKED,
                "is blocked for writes"),
        FLOOD_STAGE("PUT", "/%s/_settings", "{\"index.blocks.read_only_allow_delete\":true}",
                "PUT", "/%s/_settings", "{\"index.blocks.read_only_allow_delete\":null}", ClusterCondition.FLOOD_STAGE,
                "is read-only because a disk passed the flood-stage watermark");

        final String[] put;
        final String[] lift;
        final ClusterCondition condition;
        final String said;

        Hold(String putMethod, String putPath, String putBody, String liftMethod, String liftPath, String liftBody,
             ClusterCondition condition, String said) {
            this.put = new String[] {putMethod, putPath, putBody};
            this.lift = new String[] {liftMethod, liftPath, liftBody};
            this.condition = condition;
            this.said = said;
        }
    }

    static Stream<Arguments> enginesAndHolds() {
        return Stream.of(Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2)
                .flatMap(engine -> Stream.of(Hold.values()).map(hold -> Arguments.of(engine, hold)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("enginesAndHolds")
    void writesWaitWhileTheIndexIsClosedOrBlockedAndAreAllAppliedOnceItIsLifted(Engine engine, Hold hold,
                                                                                Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("held-" + hold.name().toLowerCase().replace('_', '-'));
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address));
             LogLines log = new LogLines(BulkSender.class)) {
            http.createIndex(index, MAPPINGS);
            http.send("POST", "/" + index + "/_doc/gone?version=1&version_type=external", "{\"title\":\"gone\",\"v\":1}");
            call(client, hold.put, index);

            ItemVerdict raw = rawVerdict(client, index);
            assertThat(raw.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
            assertThat(raw.condition()).isEqualTo(hold.condition);

            List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
            try (VersionedBulkWriter writer = new VersionedBulkWriter(client, SETTINGS, registry, PREFIX)) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    futures.add(writer.write(WriteRequest.upsert(index, "doc-" + i, 3,
                            Docs.object("{'title':'doc " + i + "','v':3}")), null));
                }
                futures.add(writer.write(WriteRequest.delete(index, "gone", 2), null));
                awaitRetries(3L * futures.size());

                assertThat(futures).as("waiting, neither applied nor rejected").noneMatch(CompletableFuture::isDone);
                assertThat(writer.stopped()).isEmpty();
                call(client, hold.lift, index);
                writer.flush();
            }

            assertThat(futures).extracting(f -> f.join().outcome()).containsOnly(WriteOutcome.APPLIED);
            assertThat(registry.get(PREFIX + ".items").tag("outcome", "rejected").counter().count()).isZero();
            assertThat(http.count(index)).isEqualTo(DOCUMENTS);
            Map<String, JsonNode> held = http.get(index, IntStream.range(0, DOCUMENTS).mapToObj(i -> "doc-" + i).toList());
            assertThat(held).hasSize(DOCUMENTS);
            assertThat(held.values()).allSatisfy(doc -> assertThat(doc.path("_version").asLong()).isEqualTo(3));
            assertThat(http.get(index, List.of("gone"))).isEmpty();
            // the warning names the condition and the index (a reopened index may add others while its shard recovers)
            assertThat(log.at(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("index '" + index + "' " + hold.said, raw.reason()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aMissingIndexTheClusterDoesNotCreateStopsTheWriterWithTheReason(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("never-created");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address))) {
            // only this test's index is not auto-created: every other test's indices still are
            http.send("PUT", "/_cluster/settings", "{\"transient\":{\"action.auto_create_index\":\"-" + index + ",+*\"}}");
            try {
                ItemVerdict raw = rawVerdict(client, index);
                assertThat(raw.disposition()).isEqualTo(ItemVerdict.Disposition.STOP);
                assertThat(raw.condition()).isEqualTo(ClusterCondition.INDEX_MISSING);

                assertStopped(client, index, ClusterCondition.INDEX_MISSING);
                assertThat(EngineCall.send(client, "HEAD", "/" + index, null).status()).isEqualTo(404);
            } finally {
                http.send("PUT", "/_cluster/settings", "{\"transient\":{\"action.auto_create_index\":null}}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void anAliasWithoutWriteIndexStopsTheWriterWithTheReason(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String alias = Engines.uniqueName("two-indices");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address))) {
            http.createIndex(alias + "-a", MAPPINGS);
            http.createIndex(alias + "-b", MAPPINGS);
            http.send("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + alias + "-a\",\"alias\":\"" + alias
                    + "\"}},{\"add\":{\"index\":\"" + alias + "-b\",\"alias\":\"" + alias + "\"}}]}");

            assertThat(rawVerdict(client, alias).condition()).isEqualTo(ClusterCondition.NO_WRITE_INDEX);
            assertStopped(client, alias, ClusterCondition.NO_WRITE_INDEX);
            assertThat(http.count(alias)).isZero();
        }
    }

    /** Writes to {@code index} stop the writer with {@code condition}: every write fails with it, none is rejected. */
    private void assertStopped(RestClient client, String index, ClusterCondition condition) {
        List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
        VersionedBulkWriter writer = new VersionedBulkWriter(client, SETTINGS, registry, PREFIX);
        try {
            for (int i = 0; i < DOCUMENTS; i++) {
                futures.add(writer.write(WriteRequest.upsert(index, "doc-" + i, 3,
                        Docs.object("{'title':'doc " + i + "','v':3}")), null));
            }
            assertThatThrownBy(writer::flush).isInstanceOf(ClusterConditionException.class)
                    .hasMessageStartingWith(condition.describe(index));
        } finally {
            assertThatThrownBy(writer::close).isInstanceOf(ClusterConditionException.class);
        }
        assertThat(writer.stopped()).map(ClusterConditionException::condition).contains(condition);
        assertThat(futures).allSatisfy(future -> assertThatThrownBy(future::join)
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ClusterConditionException.class));
        assertThat(registry.get(PREFIX + ".items").tag("outcome", "rejected").counter().count()).isZero();
    }

    /** The verdict on the engine's own answer to one externally versioned upsert into {@code index}. */
    private static ItemVerdict rawVerdict(RestClient client, String index) throws Exception {
        org.elasticsearch.client.Request request = new org.elasticsearch.client.Request("POST", "/_bulk");
        request.addParameter("filter_path", BulkSender.FILTER_PATH);
        request.setEntity(new org.apache.http.nio.entity.NStringEntity("{\"index\":{\"_index\":\"" + index
                + "\",\"_id\":\"probe\",\"version\":1,\"version_type\":\"external\"}}\n{\"title\":\"probe\",\"v\":1}\n",
                org.apache.http.entity.ContentType.create("application/x-ndjson")));
        JsonNode answer = JsonMappers.PLAIN.readTree(client.performRequest(request).getEntity().getContent());
        return BulkResponseClassifier.classifyItems(List.of(Operation.UPSERT), answer).get(0);
    }

    private static void call(RestClient client, String[] call, String index) {
        EngineCall.Reply reply = EngineCall.send(client, call[0], String.format(call[1], index),
                call[2] == null ? null : Docs.tree(call[2]));
        assertThat(reply.ok()).as(reply.request() + ": " + reply.body()).isTrue();
    }

    /** Waits until the writer has retried at least {@code writes} writes: it was refused several times over. */
    private void awaitRetries(long writes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (registry.get(PREFIX + ".retries").counter().count() < writes) {
            assertThat(System.nanoTime()).as("retries of %d writes", writes).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
