package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.core.document.Operation;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer's one correctness idea on real engines: with external versions in one version space, the newest state
 * of every document wins whatever order its writes arrive in, stale writes are harmless, deletes stay deleted, and a
 * document the mapping refuses is rejected alone.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
@Timeout(120)
class VersionedBulkWriterIT {

    private static final String PREFIX = "it.sink";
    private static final String MAPPINGS = "{\"properties\":{\"title\":{\"type\":\"keyword\"},\"v\":{\"type\":\"long\"}}}";

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double items(String outcome) {
        return registry.get(PREFIX + ".items").tag("outcome", outcome).counter().count();
    }

    private static WriteRequest upsert(String index, String id, long version) {
        return WriteRequest.upsert(index, id, version, Docs.object("{'title':'" + id + "','v':" + version + "}"));
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void theNewestVersionOfEachDocumentWinsWhateverTheArrivalOrder(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("newest-wins");
        Random random = new Random(20240611);
        List<WriteRequest> writes = new ArrayList<>();
        Map<String, WriteRequest> newest = new HashMap<>();
        for (int id = 0; id < 200; id++) {
            for (long version = 1; version <= 10; version++) {
                WriteRequest write = random.nextInt(5) == 0
                        ? WriteRequest.delete(index, "doc-" + id, version)
                        : upsert(index, "doc-" + id, version);
                writes.add(write);
                newest.merge(write.id(), write, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        Collections.shuffle(writes, random);

        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address))) {
            http.createIndex(index, MAPPINGS);
            List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
            try (VersionedBulkWriter writer = new VersionedBulkWriter(client,
                    BulkSettings.defaults().withMaxDocs(100).withFlushInterval(Duration.ofMillis(50)), registry, PREFIX)) {
                // four submitters at once: arrival order at the engine is shuffled further by the two requests in flight
                ExecutorService submitters = Executors.newFixedThreadPool(4);
                try {
                    List<Future<List<CompletableFuture<WriteResult<Object>>>>> parts = new ArrayList<>();
                    for (int part = 0; part < 4; part++) {
                        List<WriteRequest> share = writes.subList(part * 500, (part + 1) * 500);
                        parts.add(submitters.submit(() -> share.stream().map(request -> writer.write(request, null)).toList()));
                    }
                    for (Future<List<CompletableFuture<WriteResult<Object>>>> part : parts) {
                        futures.addAll(part.get(60, TimeUnit.SECONDS));
                    }
                } finally {
                    submitters.shutdownNow();
                }
                writer.flush();
            }

            assertThat(futures).hasSize(2000).allMatch(CompletableFuture::isDone);
            assertThat(futures.stream().map(CompletableFuture::join).map(WriteResult::outcome))
                    .doesNotContain(WriteOutcome.REJECTED);
            assertThat(items("applied") + items("stale")).isEqualTo(2000);
            assertThat(items("stale")).isPositive();

            Map<String, JsonNode> held = http.get(index, newest.keySet());
            for (WriteRequest expected : newest.values()) {
                if (expected.operation() == Operation.DELETE) {
                    assertThat(held).as("deleted at v%d: %s", expected.version(), expected.id())
                            .doesNotContainKey(expected.id());
                } else {
                    JsonNode doc = held.get(expected.id());
                    assertThat(doc).as("upserted at v%d: %s", expected.version(), expected.id()).isNotNull();
                    assertThat(doc.path("_version").asLong()).isEqualTo(expected.version());
                    assertThat(doc.path("_source").path("v").asLong()).isEqualTo(expected.version());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void staleWritesAreCountedStaleNotErrorsAndLeaveTheNewerState(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("stale");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address));
             VersionedBulkWriter writer = new VersionedBulkWriter(client, BulkSettings.defaults(), registry, PREFIX)) {
            http.createIndex(index, MAPPINGS);
            List<CompletableFuture<WriteResult<Object>>> newer = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                newer.add(writer.write(upsert(index, "doc-" + i, 5), null));
            }
            writer.flush();
            List<CompletableFuture<WriteResult<Object>>> older = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                older.add(writer.write(upsert(index, "doc-" + i, i % 2 == 0 ? 3 : 5), null)); // older, or the same again
            }
            writer.flush();

            assertThat(newer).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(WriteOutcome.APPLIED));
            assertThat(older).allSatisfy(f -> {
                assertThat(f.join().outcome()).isEqualTo(WriteOutcome.STALE);
                assertThat(f.join().reason()).startsWith("version_conflict_engine_exception: ");
            });
            assertThat(items("stale")).isEqualTo(20);
            assertThat(items("rejected")).isZero();
            assertThat(registry.get(PREFIX + ".retries").counter().count()).isZero();
            assertThat(http.get(index, List.of("doc-0")).get("doc-0").path("_source").path("v").asLong()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aDeleteStaysDeletedWhenAnOlderUpsertOfTheSameIdArrivesLater(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("delete-wins");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address));
             VersionedBulkWriter writer = new VersionedBulkWriter(client, BulkSettings.defaults(), registry, PREFIX)) {
            http.createIndex(index, MAPPINGS);

            WriteResult created = writer.write(upsert(index, "existing", 1), null).join();
            WriteResult deleted = writer.write(WriteRequest.delete(index, "existing", 5), null).join();
            WriteResult olderUpsert = writer.write(upsert(index, "existing", 3), null).join();

            assertThat(List.of(created.outcome(), deleted.outcome(), olderUpsert.outcome()))
                    .containsExactly(WriteOutcome.APPLIED, WriteOutcome.APPLIED, WriteOutcome.STALE);
            assertThat(http.get(index, List.of("existing"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aDeleteOfANeverExistingIdIsAppliedAndStillRefusesOlderUpserts(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("tombstone");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address));
             VersionedBulkWriter writer = new VersionedBulkWriter(client, BulkSettings.defaults(), registry, PREFIX)) {
            http.createIndex(index, MAPPINGS);

            // the engine answers 404 not_found, yet keeps a tombstone at version 5
            WriteResult deleted = writer.write(WriteRequest.delete(index, "never-existed", 5), null).join();
            WriteResult olderUpsert = writer.write(upsert(index, "never-existed", 3), null).join();
            WriteResult newerUpsert = writer.write(upsert(index, "never-existed", 6), null).join();

            assertThat(deleted.outcome()).isEqualTo(WriteOutcome.APPLIED);
            assertThat(olderUpsert.outcome()).isEqualTo(WriteOutcome.STALE);
            assertThat(olderUpsert.reason()).startsWith("version_conflict_engine_exception: ");
            assertThat(newerUpsert.outcome()).isEqualTo(WriteOutcome.APPLIED);
            assertThat(http.get(index, List.of("never-existed")).get("never-existed").path("_version").asLong())
                    .isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aDocumentTheStrictMappingRefusesIsRejectedWithTheReasonWhileTheOthersOfItsBulkAreApplied(Engine engine,
                                                                                                  Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("strict");
        try (EngineHttp http = new EngineHttp(address);
             RestClient client = ClusterClients.create(ClusterSettings.of(address));
             VersionedBulkWriter writer = new VersionedBulkWriter(client,
                     BulkSettings.defaults().withFlushInterval(Duration.ofMinutes(10)), registry, PREFIX)) {
            http.createIndex(index, "{\"dynamic\":\"strict\",\"properties\":{\"title\":{\"type\":\"keyword\"},"
                    + "\"v\":{\"type\":\"long\"}}}");

            List<CompletableFuture<WriteResult<Object>>> futures = List.of(
                    writer.write(upsert(index, "good-1", 1), null),
                    writer.write(WriteRequest.upsert(index, "unknown-field", 1, Docs.object("{'title':'x','colour':'red'}")), null),
                    writer.write(upsert(index, "good-2", 1), null),
                    writer.write(WriteRequest.upsert(index, "not-a-number", 1, Docs.object("{'title':'x','v':'many'}")), null),
                    writer.write(WriteRequest.delete(index, "good-3", 1), null));
            writer.flush();

            assertThat(registry.get(PREFIX + ".bulk.bytes").summary().count()).as("one bulk request").isEqualTo(1);
            List<WriteResult<Object>> results = futures.stream().map(CompletableFuture::join).toList();
            assertThat(results).extracting(WriteResult::outcome).containsExactly(WriteOutcome.APPLIED,
                    WriteOutcome.REJECTED, WriteOutcome.APPLIED, WriteOutcome.REJECTED, WriteOutcome.APPLIED);
            assertThat(results.get(1).reason()).startsWith("strict_dynamic_mapping_exception: ").contains("[colour]");
            assertThat(results.get(3).reason()).startsWith("mapper_parsing_exception: ").contains("[v]");
            assertThat(http.get(index, List.of("good-1", "good-2", "unknown-field", "not-a-number")).keySet())
                    .containsExactlyInAnyOrder("good-1", "good-2");
        }
    }
}
