package io.tandem.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.localstack.RestFixture;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verification and repair on real engines: a typed Elasticsearch 6.8 index (the old one) against its copy in
 * Elasticsearch 7.10, transformed with the tags transform, in both modes.
 */
@WithEngines(value = {Engine.ELASTICSEARCH_6, Engine.ELASTICSEARCH_7}, optional = {Engine.ELASTICSEARCH_8, Engine.ELASTICSEARCH_9,
        Engine.OPENSEARCH_3, Engine.OPENSEARCH_2})
class VerificationIT {

    private static final int DOCS = 300;
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final DocumentCheck CHECK = new DocumentCheck(TAGS, false);

    private String oldUrl;
    private String newUrl;

    @Test
    void aFaithfulCopyPassesInBothModes(Engines engines) throws Exception {
        try (Pair pair = pair(engines, "faithful")) {
            for (VerifyMode mode : VerifyMode.values()) {
                VerifyResult result = verify(pair, mode, Duration.ZERO);
                assertThat(result.passed()).as("%s: %s", mode, result).isTrue();
                assertThat(result.sourceCount()).isEqualTo(DOCS);
                assertThat(result.targetCount()).isEqualTo(DOCS);
                // a full verification compares every document; a sample as many as it drew (all, here)
                assertThat(result.checked()).isEqualTo(DOCS);
            }
        }
    }

    @Test
    void findsMissingExtraAndDifferentDocumentsWithTheirFieldDifferences(Engines engines) throws Exception {
        try (Pair pair = pair(engines, "planted")) {
            newSend("DELETE", "/" + pair.target + "/_doc/d7?refresh=true", null);
            newSend("PUT", "/" + pair.target + "/_doc/ghost?refresh=true", "{\"id\":\"ghost\",\"n\":-1}");
            newSend("PUT", "/" + pair.target + "/_doc/d9?refresh=true", target(9).put("n", 99).toString());

            for (VerifyMode mode : VerifyMode.values()) {
                VerifyResult result = verify(pair, mode, Duration.ofMillis(200));
                assertThat(result.passed()).isFalse();
                assertThat(result.countsMatch()).isTrue(); // one missing, one extra: the counts alone would not tell
                assertThat(result.mismatches()).as("%s", mode).extracting(m -> m.kind() + " " + m.id())
                        .containsExactly("MISSING d7", "EXTRA ghost", "DIFFERENT d9");
                assertThat(result.mismatches().get(2).differences())
                        .containsExactly(new FieldDifference("n", JsonMappers.PLAIN.valueToTree(9), JsonMappers.PLAIN.valueToTree(99)));
            }
        }
    }

    @Test
    void aDifferenceThatSettlesWithinTheDelayDoesNotCount(Engines engines) throws Exception {
        try (Pair pair = pair(engines, "settling")) {
            newSend("DELETE", "/" + pair.target + "/_doc/d3?refresh=true", null);
            // the consumer catches up while the verification waits
            Verification verification = new Verification(new IndexProbe(pair.old.client(), pair.source, 100),
                    new IndexProbe(pair.fresh.client(), pair.target, 100), CHECK,
                    new VerifySettings(VerifyMode.FULL, 1000, 2, 2, 100, Duration.ofSeconds(1), true, 0),
                    delay -> newSend("PUT", "/" + pair.target + "/_doc/d3?refresh=true", target(3).toString()));

            VerifyResult result = verification.run();

            assertThat(result.passed()).as("%s", result).isTrue();
            assertThat(result.settled()).isEqualTo(1);
        }
    }

    @Test
    void underWritesThatNeverPauseAFullVerificationPassesWhileTheCountsNeverAgreeAndASampleDoesNot(Engines engines)
            throws Exception {
        try (Pair pair = pair(engines, "nonstop")) {
            for (VerifyMode mode : VerifyMode.values()) {
                // the application creates a document in the old index before the scan and during every wait; the
                // consumer copies each one a wait later, so at every recount the old index is one ahead
                int[] created = {1};
                oldSend("PUT", "/" + pair.source + "/_doc/late-" + mode + "1?refresh=true", old(1).toString());
                Verification verification = new Verification(new IndexProbe(pair.old.client(), pair.source, 100),
                        new IndexProbe(pair.fresh.client(), pair.target, 100), CHECK,
                        new VerifySettings(mode, 1000, 2, 2, 100, Duration.ofMillis(100), true, 0),
                        delay -> {
                            newSend("PUT", "/" + pair.target + "/_doc/late-" + mode + created[0] + "?refresh=true",
                                    target(created[0]).toString());
                            created[0]++;
                            oldSend("PUT", "/" + pair.source + "/_doc/late-" + mode + created[0] + "?refresh=true",
                                    old(created[0]).toString());
                        });

                VerifyResult result = verification.run();

                assertThat(result.countsMatch()).as("%s: %s", mode, result).isFalse();
                assertThat(result.mismatches()).as("%s", mode).isEmpty();
                assertThat(result.settled()).as("%s", mode).isEqualTo(1); // the first one, copied during the wait
                // the full scan compared both id sets; a sample has only the counts to tell it nothing is missing
                assertThat(result.passed()).as("%s: %s", mode, result).isEqualTo(mode == VerifyMode.FULL);
                newSend("PUT", "/" + pair.target + "/_doc/late-" + mode + created[0] + "?refresh=true",
                        target(created[0]).toString()); // the consumer catches up before the next mode
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ELASTICSEARCH_6, ELASTICSEARCH_7", "ELASTICSEARCH_7, ELASTICSEARCH_8", "ELASTICSEARCH_7, ELASTICSEARCH_9",
            "ELASTICSEARCH_8, ELASTICSEARCH_9", "ELASTICSEARCH_8, OPENSEARCH_3", "OPENSEARCH_2, ELASTICSEARCH_9"})
    void repairCopiesWhatTheVersionRuleLetsWinAndDeletesExtraDocuments(Engine from, Engine to, Engines engines)
            throws Exception {
        try (Pair pair = pair(engines, "repair", from, to)) {
            // the old index carries versions of the application's space (5 for every document); d9's copy in the
            // new index is older (3) and wrong, d7 is missing, ghost should not be there
            newSend("DELETE", "/" + pair.target + "/_doc/d7?refresh=true", null);
            newSend("PUT", "/" + pair.target + "/_doc/ghost?refresh=true", "{\"id\":\"ghost\",\"n\":-1}");
            newSend("PUT", "/" + pair.target + "/_doc/d9?version=3&version_type=external&refresh=true",
                    target(9).put("n", 99).toString());
            VerifyResult found = verify(pair, VerifyMode.FULL, Duration.ZERO);
            IndexProbe old = new IndexProbe(pair.old.client(), pair.source, 100);
            IndexProbe fresh = new IndexProbe(pair.fresh.client(), pair.target, 100);

            // lowest (version 0) wins neither: the delete of d7 left a tombstone at version 1, d9 is at 3
            RepairResult lowest = new Repair(old, fresh, CHECK, VersionRule.parse("lowest"), BulkSettings.defaults())
                    .run(found.mismatches());
            assertThat(lowest).isEqualTo(new RepairResult(0, 2, 1, 0, 0, List.of()));
            // the old index's own versions (5) win over both
            RepairResult sourceVersion = new Repair(old, fresh, CHECK, VersionRule.parse("source-version"),
                    BulkSettings.defaults()).run(found.mismatches());
            assertThat(sourceVersion).isEqualTo(new RepairResult(2, 0, 0, 0, 1, List.of()));

            assertThat(verify(pair, VerifyMode.FULL, Duration.ZERO).passed()).isTrue();
            assertThat(IndexContents.readAll(newUrl, pair.target).get("d9")).isEqualTo(target(9));
        }
    }

    @Test
    void aThrottledFullVerificationReadsNoFasterThanItsThrottleAndStillComparesEveryDocument(Engines engines)
            throws Exception {
        try (Pair pair = pair(engines, "throttled")) {
            long start = System.nanoTime();

            VerifyResult result = new Verification(new IndexProbe(pair.old.client(), pair.source, 100),
                    new IndexProbe(pair.fresh.client(), pair.target, 100), CHECK,
                    new VerifySettings(VerifyMode.FULL, 1000, 2, 2, 100, Duration.ZERO, false, DOCS / 2)).run();

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.passed()).as("%s", result).isTrue();
            assertThat(result.checked()).isEqualTo(DOCS);
            // both indices' documents count: 2 x DOCS at DOCS/2 per second, after a burst of one second's worth
            assertThat(took).as("throttled to %s docs/s", DOCS / 2).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
        }
    }

    @Test
    void theIdsAnIndexLacksAreFoundByCountingAndADocumentWrittenSinceItsLastRefreshIsNotAmongThem(Engines engines)
            throws Exception {
        try (Pair pair = pair(engines, "absent")) {
            oldSend("PUT", "/" + pair.source + "/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
            oldSend("PUT", "/" + pair.source + "/_doc/unrefreshed", old(1).toString()); // not visible to _count yet
            IndexProbe probe = new IndexProbe(pair.old.client(), pair.source, 2);

            assertThat(probe.absent(List.of("d1", "d2", "d3", "unrefreshed", "ghost", "d4", "d5")))
                    .containsExactly("ghost");
            assertThat(probe.absent(List.of())).isEmpty();
        }
    }

    private VerifyResult verify(Pair pair, VerifyMode mode, Duration settle) throws InterruptedException {
        return new Verification(new IndexProbe(pair.old.client(), pair.source, 100),
                new IndexProbe(pair.fresh.client(), pair.target, 100), CHECK,
                new VerifySettings(mode, 1000, 3, 2, 100, settle, true, 0)).run();
    }

    private Pair pair(Engines engines, String name) throws Exception {
        return pair(engines, name, Engine.ELASTICSEARCH_6, Engine.ELASTICSEARCH_7);
    }

    /** The old index (2 shards, each document at external version 5; typed on 6.x) and its faithful transformed copy. */
    private Pair pair(Engines engines, String name, Engine from, Engine to) throws Exception {
        oldUrl = engines.get(from).address();
        newUrl = engines.get(to).address();
        // 6.x needs the type in a bulk action, 8+ refuses it
        String type = from == Engine.ELASTICSEARCH_6 ? "\",\"_type\":\"_doc" : "";
        String source = Engines.uniqueName("old-" + name);
        String target = Engines.uniqueName("new-" + name);
        IndexContents.send(oldUrl, "PUT", "/" + source, "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0}}");
        IndexContents.send(newUrl, "PUT", "/" + target, "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0}}");
        StringBuilder oldBulk = new StringBuilder();
        StringBuilder newBulk = new StringBuilder();
        for (int i = 0; i < DOCS; i++) {
            oldBulk.append("{\"index\":{\"_index\":\"").append(source).append(type).append("\",\"_id\":\"d").append(i)
                    .append("\",\"version\":5,\"version_type\":\"external\"}}\n").append(old(i)).append('\n');
            newBulk.append("{\"index\":{\"_index\":\"").append(target).append("\",\"_id\":\"d").append(i)
                    .append("\",\"version\":0,\"version_type\":\"external\"}}\n").append(target(i)).append('\n');
        }
        assertThat(IndexContents.send(oldUrl, "POST", "/_bulk?refresh=true", oldBulk.toString()).path("errors").asBoolean()).isFalse();
        assertThat(IndexContents.send(newUrl, "POST", "/_bulk?refresh=true", newBulk.toString()).path("errors").asBoolean()).isFalse();
        return new Pair(RestFixture.on(engines.get(from)), source, RestFixture.on(engines.get(to)), target);
    }

    private static ObjectNode old(int i) {
        ObjectNode doc = JsonMappers.PLAIN.createObjectNode().put("id", "d" + i).put("n", i);
        doc.putObject("tags").put("color", i % 2 == 0 ? "red" : "blue").put("size", i % 3);
        return doc;
    }

    private static ObjectNode target(int i) {
        return TAGS.apply("d" + i, old(i));
    }

    private void newSend(String method, String path, String body) {
        IndexContents.send(newUrl, method, path, body);
    }

    private void oldSend(String method, String path, String body) {
        IndexContents.send(oldUrl, method, path, body);
    }

    private record Pair(RestFixture old, String source, RestFixture fresh, String target) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            old.close();
            fresh.close();
        }
    }
}
