package io.tandem.app.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.operate.MigrationUnderTest.Result;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.localstack.junit.WithEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The failure verify exists for: with a tiny {@code index.gc_deletes}, a late backfill write (version 0) after the live
 * delete (version 6) brings the deleted document back in the new index. {@code verify} finds it, {@code --repair}
 * deletes it, and the next {@code verify} passes. Old index in Elasticsearch 7.10, new one in OpenSearch 2.19.
 */
@WithEngines({Engine.KAFKA, Engine.OPENSEARCH_2, Engine.ELASTICSEARCH_7})
class ResurrectedDeleteIT {

    @Test
    void verifyFindsAResurrectedDeleteAndRepairRemovesIt(Engines engines) throws Exception {
        MigrationUnderTest migration = MigrationUnderTest.crossCluster(engines, "resurrected");
        String doc = "/" + migration.newIndex + "/_doc/m7";
        IndexContents.send(migration.newUrl, "PUT", "/" + migration.newIndex + "/_settings", "{\"index.gc_deletes\":\"0s\"}");
        // the application deletes m7: from the old index directly, from the new one through the consumer (v6)
        IndexContents.send(migration.oldUrl, "DELETE", "/" + migration.oldIndex + "/_doc/m7?refresh=true", null);
        IndexContents.send(migration.newUrl, "DELETE", doc + "?version=6&version_type=external", null);
        lateBackfillWrite(migration.newUrl + doc + "?version=0&version_type=external&refresh=true",
                MigrationUnderTest.newDocument(7).toString());
        assertThat(IndexContents.send(migration.newUrl, "GET", doc, null).path("found").asBoolean()).isTrue();

        Result found = migration.verify("--full");
        assertThat(found.exit()).as("%s", found).isEqualTo(1);
        assertThat(found.out()).contains("counts      source 199, target 200 (DIFFER by 1)").contains("extra       1")
                .contains("EXTRA m7");

        Result repaired = migration.verify("--full", "--repair");
        assertThat(repaired.exit()).as("%s", repaired).isEqualTo(1);
        assertThat(repaired.out()).contains("repair      0 copied, 1 deleted, 0 already agreeing");

        Result clean = migration.verify("--full");
        assertThat(clean.exit()).as("%s", clean).isZero();
        assertThat(clean.out()).contains("FULL " + migration.oldIndex + " -> " + migration.newIndex + ": PASSED")
                .contains("counts      source 199, target 199 (equal)");
        assertThat(IndexContents.readAll(migration.newUrl, migration.newIndex)).doesNotContainKey("m7").hasSize(199);
    }

    /**
     * A target node killed and started again keeps the tombstones of the deletes its translog replays, and forgets
     * those of deletes already flushed to Lucene (a flush happens on a clean stop, when the translog grows, and on an
     * idle shard): the backfill's late version-0 write of such a document is then accepted at once, whatever
     * {@code index.gc_deletes} says. {@code verify --full --repair} is what brings the end state back.
     */
    @Test
    void aTargetKilledAfterAFlushForgetsItsTombstonesAndVerifyRepairsTheResurrectedDelete(Engines engines) throws Exception {
        MigrationUnderTest migration = MigrationUnderTest.crossCluster(engines, "restarted");
        String doc = "/" + migration.newIndex + "/_doc/m9";
        IndexContents.send(migration.newUrl, "PUT", "/" + migration.newIndex + "/_settings", "{\"index.gc_deletes\":\"1h\"}");
        IndexContents.send(migration.oldUrl, "DELETE", "/" + migration.oldIndex + "/_doc/m9?refresh=true", null);
        IndexContents.send(migration.newUrl, "DELETE", doc + "?version=6&version_type=external", null);
        HttpClient http = HttpClient.newHttpClient();
        URI late = URI.create(migration.newUrl + doc + "?version=0&version_type=external&refresh=true");
        String copy = MigrationUnderTest.newDocument(9).toString();
        assertThat(put(http, late, copy).statusCode()).as("the tombstone holds while the node runs").isEqualTo(409);

        restartKilled(engines, migration);
        assertThat(put(http, late, copy).statusCode()).as("the translog's replay brings the tombstone back").isEqualTo(409);

        IndexContents.send(migration.newUrl, "POST", "/" + migration.newIndex + "/_flush", null);
        restartKilled(engines, migration);
        assertThat(put(http, late, copy).statusCode()).as("flushed, the tombstone is gone: the delete comes back")
                .isEqualTo(201);

        Result repaired = migration.verify("--full", "--repair");
        assertThat(repaired.exit()).as("%s", repaired).isEqualTo(1);
        assertThat(repaired.out()).contains("EXTRA m9").contains("repair      0 copied, 1 deleted, 0 already agreeing");
        Result clean = migration.verify("--full");
        assertThat(clean.exit()).as("%s", clean).isZero();
        assertThat(IndexContents.readAll(migration.newUrl, migration.newIndex)).doesNotContainKey("m9").hasSize(199);
    }

    /** SIGKILL to the target's node, then the node again, on the same data, and the new index allocated again. */
    private static void restartKilled(Engines engines, MigrationUnderTest migration) {
        engines.restart(Engine.OPENSEARCH_2, true, Duration.ofSeconds(1));
        IndexContents.send(migration.newUrl, "GET", "/_cluster/health/" + migration.newIndex
                + "?wait_for_status=yellow&timeout=60s", null);
    }

    private static HttpResponse<String> put(HttpClient http, URI url, String document) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The backfill's version-0 write of a document it read before the delete: refused (409) while the tombstone is
     * honoured, accepted as soon as the 0s window has let it go (the engines' cached clock ticks every 200 ms).
     */
    private static void lateBackfillWrite(String url, String document) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(document)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return;
            }
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(409);
            assertThat(System.nanoTime()).as("the tombstone never expired").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
