package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.ClusterClients;
import io.tandem.core.cluster.ClusterSettings;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Overload on real engines: a {@link FaultInjectingProxy} between the writer and the engine refuses whole requests
 * or single items the way an overloaded engine does, and every write still ends applied, in the engine.
 */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
@Timeout(120)
class BulkRetryIT {

    private static final String PREFIX = "it.retry";
    private static final BulkSettings SETTINGS = BulkSettings.defaults().withMaxDocs(100)
            .withFlushInterval(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(10), Duration.ofMillis(200));

    private static final String BREAKER = "{\"transient\":{\"network.breaker.inflight_requests.limit\":%s}}";

    private final MeterRegistry registry = new SimpleMeterRegistry();

    static Stream<Arguments> enginesAndStatuses() {
        return Stream.of(Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2).flatMap(engine -> Stream.of(
                Arguments.of(engine, 429, "es_rejected_execution_exception"),
                Arguments.of(engine, 503, "unavailable_shards_exception")));
    }

    @ParameterizedTest(name = "{0}, HTTP {1}")
    @MethodSource("enginesAndStatuses")
    void bulkRequestsRefusedAsAWholeAreRetriedUntilEveryWriteIsApplied(Engine engine, int status, String type,
                                                                       Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("retry-request");
        try (EngineHttp http = new EngineHttp(address);
             FaultInjectingProxy proxy = new FaultInjectingProxy(address,
                     FaultInjectingProxy.rejectingRequests(3, status, type))) {
            http.createIndex(index, "{\"properties\":{\"v\":{\"type\":\"long\"}}}");

            List<WriteResult<Object>> results = writeThroughProxy(proxy, index, 300);

            assertThat(proxy.injected()).isEqualTo(3);
            assertThat(proxy.bulkRequests()).isGreaterThanOrEqualTo(3 + 3);
            assertThat(results).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
            assertThat(registry.get(PREFIX + ".retries").counter().count()).isEqualTo(300);
            assertEngineHoldsAll(http, index, 300);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void itemsRefusedWith429AreRetriedAloneUntilEveryWriteIsApplied(Engine engine, Engines engines) throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("retry-items");
        // every third item of the first four requests is refused and never reaches the engine
        try (EngineHttp http = new EngineHttp(address);
             FaultInjectingProxy proxy = new FaultInjectingProxy(address,
                     FaultInjectingProxy.rejectingItems(4, position -> position % 3 == 1))) {
            http.createIndex(index, "{\"properties\":{\"v\":{\"type\":\"long\"}}}");

            List<WriteResult<Object>> results = writeThroughProxy(proxy, index, 300);

            assertThat(proxy.injected()).isPositive();
            assertThat(results).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
            assertThat(registry.get(PREFIX + ".items").tag("outcome", "stale").counter().count())
                    .as("a refused item never reached the engine, so its retry is not stale").isZero();
            assertThat(registry.get(PREFIX + ".retries").counter().count()).isEqualTo(proxy.injected());
            assertEngineHoldsAll(http, index, 300);
        }
    }

    /**
     * No proxy: the engine's own back-pressure. Its in-flight requests breaker, lowered to 1kb, refuses every bulk
     * request with 429 circuit_breaking_exception until it is raised again 3 s later; the writer retries them, and
     * every write ends applied, the retries counted.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void bulkRequestsTheEngineItselfRefusesWith429AreRetriedUntilEveryWriteIsApplied(Engine engine, Engines engines)
            throws Exception {
        String address = engines.get(engine).address();
        String index = Engines.uniqueName("retry-breaker");
        try (EngineHttp http = new EngineHttp(address)) {
            http.createIndex(index, "{\"properties\":{\"v\":{\"type\":\"long\"}}}");
            http.send("PUT", "/_cluster/settings", BREAKER.formatted("\"1kb\""));
            CompletableFuture<Void> relief = CompletableFuture.runAsync(() -> {
                sleep(3_000);
                resetBreaker(http);
            });
            List<WriteResult<Object>> results;
            try (RestClient client = ClusterClients.create(ClusterSettings.of(address))) {
                results = write(client, index, 300);
            } finally {
                relief.join();
                resetBreaker(http);
            }

            assertThat(results).extracting(WriteResult::outcome).containsOnly(WriteOutcome.APPLIED);
            assertThat(registry.get(PREFIX + ".retries").counter().count()).as("writes sent again").isPositive();
            assertEngineHoldsAll(http, index, 300);
        }
    }

    /** The engine's default again; the small request is retried while the breaker may still refuse it. */
    private static void resetBreaker(EngineHttp http) {
        for (int attempt = 1; ; attempt++) {
            try {
                http.send("PUT", "/_cluster/settings", BREAKER.formatted("null"));
                return;
            } catch (RuntimeException refused) {
                if (attempt == 100) {
                    throw refused;
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<WriteResult<Object>> writeThroughProxy(FaultInjectingProxy proxy, String index, int count) throws Exception {
        try (RestClient client = ClusterClients.create(ClusterSettings.of(proxy.url()))) {
            return write(client, index, count);
        }
    }

    private List<WriteResult<Object>> write(RestClient client, String index, int count) throws Exception {
        List<CompletableFuture<WriteResult<Object>>> futures = new ArrayList<>();
        try (VersionedBulkWriter writer = new VersionedBulkWriter(client, SETTINGS, registry, PREFIX)) {
            for (int i = 0; i < count; i++) {
                futures.add(writer.write(WriteRequest.upsert(index, "doc-" + i, 7,
                        Docs.object("{'v':" + i + "}")), null));
            }
            writer.flush();
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void assertEngineHoldsAll(EngineHttp http, String index, int count) {
        assertThat(http.count(index)).isEqualTo(count);
        Map<String, JsonNode> held = http.get(index, IntStream.range(0, count).mapToObj(i -> "doc-" + i).toList());
        assertThat(held).hasSize(count);
        assertThat(held.values()).allSatisfy(doc -> assertThat(doc.path("_version").asLong()).isEqualTo(7));
    }
}
