package io.tandem.backfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.backfill.BackfillCommand;
import io.tandem.core.reindex.PainlessTransforms;
import io.tandem.core.reindex.ReindexResult;
import io.tandem.core.reindex.RemoteReindex;
import io.tandem.core.reindex.RemoteReindexSettings;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.process.LocalProcessProvider;
import io.tandem.localstack.process.OsProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Issue C's benchmark (not a test): N documents (default 1M, ~300 bytes with a tags map) in an Elasticsearch 7.10
 * index copied into OpenSearch 2.19 three ways in one run, each into a fresh index with the same settings: (a) the
 * real backfill process, (b) the engine's remote {@code _reindex} with the equivalent Painless transform, executed by
 * OpenSearch, and (c) the raw {@code _bulk} ceiling of the same, already-transformed documents sent pre-serialized by
 * 3 concurrent senders. Every copy is counted in the target before its number is believed. Prints docs/s, the
 * backfill's ratios to the other two and the backfill JVM's peak RSS. Run it with bench/backfill-benchmark.
 */
public final class BackfillBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_INDEX = "old";
    private static final String BACKFILL_INDEX = "bench-backfill";
    private static final String REINDEX_INDEX = "bench-reindex";
    private static final String RAW_INDEX = "bench-raw";
    private static final int SEED_BULK_DOCS = 2000;
    private static final int SEED_SENDERS = 3;
    private static final int RAW_BULK_DOCS = 2000;
    private static final int RAW_SENDERS = 3;
    private static final int REINDEX_SIZE = 5000;
    private static final long DOCUMENT_SEED = 7;
    private static final String SOURCE_SETTINGS = "{\"settings\":{\"number_of_shards\":3,\"number_of_replicas\":0,"
            + "\"refresh_interval\":\"-1\"}}";
    /** One definition for all three targets, so that only the way of copying differs. */
    private static final String TARGET_SETTINGS = "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0,\"refresh_interval\":\"30s\"},"
            + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"keyword\"},\"message\":{\"type\":\"text\"},"
            + "\"n\":{\"type\":\"long\"},\"tags\":{\"properties\":{\"keyToValue\":{\"type\":\"keyword\"},\"value\":{\"type\":\"keyword\"}}}}}}";

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("tandem-backfill-bench-");
        DocumentTransform transform = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
        System.setProperty("tandem.engine.heap", System.getProperty("tandem.engine.heap", "1g"));

        try (LocalStack stack = new LocalStack(new LocalProcessProvider())) {
            stack.start(List.of(Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2));
            String oldUrl = stack.endpoint(Engine.ELASTICSEARCH_7).address();
            String newUrl = stack.endpoint(Engine.OPENSEARCH_2).address();
            System.out.printf("engines: Elasticsearch 7.10 %s (old), OpenSearch 2.19 %s (new); work dir %s%n", oldUrl, newUrl, work);

            try (RestClient old = RestClient.builder(HttpHost.create(oldUrl)).build();
                 RestClient target = RestClient.builder(HttpHost.create(newUrl)).build()) {
                seed(old, docs);

                warmUp(old, target, Math.min(docs, 100_000), transform);
                System.out.println("order: (a) backfill, then (b) remote reindex, then (c) raw _bulk ceiling, each into a fresh index");
                BackfillRun backfill = backfill(work, oldUrl, newUrl, target, docs);
                System.out.printf("(a) backfill: %,.0f docs/s, %.1f s, peak RSS %d MiB%n", docs / backfill.seconds(),
                        backfill.seconds(), backfill.peakRssBytes() >> 20);

                double reindexSeconds = remoteReindex(oldUrl, target, docs);
                System.out.printf("(b) remote reindex: %,.0f docs/s, %.1f s%n", docs / reindexSeconds, reindexSeconds);

                double rawSeconds = rawCeiling(target, docs, transform);
                System.out.printf("(c) raw _bulk ceiling: %,.0f docs/s, %.1f s%n", docs / rawSeconds, rawSeconds);

                printTable(docs, backfill, reindexSeconds, rawSeconds);
            }
        }
    }

    /** The wall time of the backfill process and its JVM's peak resident set. */
    private record BackfillRun(double seconds, long peakRssBytes, String heap) {
    }

    /** Pre-serialized _bulk bodies and the total size of the documents' _source in them. */
    private record Bodies(List<byte[]> bodies, long sourceBytes) {
    }

    /** In a method of its own so that the seed's bodies are garbage before the raw ceiling builds its own. */
    private static void seed(RestClient old, int docs) throws Exception {
        long start = System.nanoTime();
        Bodies seed = bodies(docs, SEED_BULK_DOCS, (id, doc) -> doc, id -> "{\"index\":{\"_id\":\"" + id + "\"}}\n");
        // no refreshes while loading: only the seed's speed depends on it, none of the measurements
        send(old, "PUT", "/" + SOURCE_INDEX, SOURCE_SETTINGS);
        bulk(old, "/" + SOURCE_INDEX + "/_bulk", seed.bodies(), SEED_SENDERS);
        // back to the engine's default: the old index is read as a live one would be
        send(old, "PUT", "/" + SOURCE_INDEX + "/_settings", "{\"index\":{\"refresh_interval\":null}}");
        requireCount(old, SOURCE_INDEX, docs);
        System.out.printf("seeded %s with %,d documents (%,.0f bytes of _source each on average, 3 shards, 0 replicas) in %.1f s%n",
                SOURCE_INDEX, docs, (double) seed.sourceBytes() / docs, seconds(start));
    }

    private static BackfillRun backfill(Path work, String oldUrl, String newUrl, RestClient target, int docs) throws Exception {
        send(target, "PUT", "/" + BACKFILL_INDEX, TARGET_SETTINGS);
        Path log = work.resolve("backfill.log");
        String heap = System.getProperty("bench.backfill.heap", "384m");
        List<String> jvm = List.of("-Xmx" + heap,
                // e.g. -Dbench.backfill.jvmOption=-XX:StartFlightRecording=filename=/tmp/backfill.jfr to profile it
                System.getProperty("bench.backfill.jvmOption", "-Dbench.profile=off"));
        List<String> args = List.of("--source-url", oldUrl, "--target-url", newUrl,
                "--source-index", SOURCE_INDEX, "--target-index", BACKFILL_INDEX,
                "--transform", "tags-to-key-value", "--transform-option", "source=tags",
                "--concurrency", "3", "--scroll-size", "2000",
                "--bulk-max-docs", "2000", "--bulk-in-flight", "4",
                // the three targets share one definition; the backfill must not retune its own
                "--no-tune", "--progress", "LOG", "--state-index", "bench-state",
                "--dead-letter-file", work.resolve("backfill-dead-letters.ndjson").toString());
        long start = System.nanoTime();
        // behind the launcher: the backfill stops if the benchmark dies
        Process process = ChildJvm.start(BackfillCommand.class.getName(), jvm, args, log);
        try {
            long peakRss = 0;
            long cpuMillis = 0;
            // VmHWM only grows, but /proc forgets it at exit: the last poll, at most 100 ms before, is the peak seen
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                peakRss = Math.max(peakRss, OsProcesses.peakRssBytes(process.pid()).orElse(0));
                cpuMillis = Math.max(cpuMillis, OsProcesses.cpuMillis(process.pid()).orElse(0));
            }
            double elapsed = seconds(start);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the backfill exited with " + process.exitValue() + ", see " + log);
            }
            printReport(log);
            requireCount(target, BACKFILL_INDEX, docs);
            System.out.printf("(a) backfill JVM CPU: %.1f s in %.1f s wall (%.2f of the machine's cores)%n", cpuMillis / 1000.0,
                    elapsed, cpuMillis / 1000.0 / elapsed);
            return new BackfillRun(elapsed, peakRss, heap);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The backfill's own end-of-run report, so the printed numbers can be checked against it. */
    private static void printReport(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int report = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Backfill ")) {
                report = i;
            }
        }
        if (report >= 0) {
            lines.subList(report, lines.size()).forEach(line -> System.out.println("    " + line));
        }
    }

    private static double remoteReindex(String oldUrl, RestClient target, int docs) throws Exception {
        send(target, "PUT", "/" + REINDEX_INDEX, TARGET_SETTINGS);
        // the allow-list entry is matched literally against host:port, so the host must be 127.0.0.1 as listed
        String remoteHost = "http://127.0.0.1:" + URI.create(oldUrl).getPort();
        RemoteReindexSettings settings = RemoteReindexSettings.of(remoteHost, SOURCE_INDEX, REINDEX_INDEX)
                .withSize(REINDEX_SIZE)
                .withPainlessScript(PainlessTransforms.tagsToKeyValue("tags", "tags", ":"));
        long[] lastPrint = {System.nanoTime()};
        BiConsumer<Long, Long> progress = (done, total) -> {
            if (System.nanoTime() - lastPrint[0] > TimeUnit.SECONDS.toNanos(10)) {
                lastPrint[0] = System.nanoTime();
                System.out.printf("    remote reindex: %,d of %,d%n", done, total);
            }
        };
        ReindexResult result = new RemoteReindex(target).run(settings, progress);
        if (!result.succeeded() || result.created() != docs) {
            throw new IllegalStateException("the remote reindex did not copy every document: " + result);
        }
        requireCount(target, REINDEX_INDEX, docs);
        return result.took().toNanos() / 1e9;
    }

    /**
     * Untimed: warms both engines' JIT, so that the first timed run — the backfill — does not pay for it alone: a raw
     * load into a scratch index on the new cluster and a full scroll of that many documents on the old one.
     */
    private static void warmUp(RestClient old, RestClient target, int docs, DocumentTransform transform) throws Exception {
        long start = System.nanoTime();
        Bodies warm = bodies(docs, RAW_BULK_DOCS, transform,
                id -> "{\"index\":{\"_index\":\"bench-warmup\",\"_id\":\"" + id + "\",\"version\":0,\"version_type\":\"external\"}}\n");
        send(target, "PUT", "/bench-warmup", TARGET_SETTINGS);
        bulk(target, "/_bulk", warm.bodies(), RAW_SENDERS);
        send(target, "DELETE", "/bench-warmup", null);
        JsonNode page = send(old, "POST", "/" + SOURCE_INDEX + "/_search?scroll=1m", "{\"size\":5000,\"sort\":[\"_doc\"]}");
        for (int read = 0; read < docs && page.path("hits").path("hits").size() > 0; read += page.path("hits").path("hits").size()) {
            page = send(old, "POST", "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
        }
        send(old, "DELETE", "/_search/scroll", "{\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
        System.out.printf("warm-up (untimed): %,d documents loaded into a scratch index and scrolled, %.1f s%n", docs, seconds(start));
    }

    private static double rawCeiling(RestClient target, int docs, DocumentTransform transform) throws Exception {
        // serialized before the clock starts: the ceiling is the target's, not our JSON writer's
        Bodies raw = bodies(docs, RAW_BULK_DOCS, transform,
                id -> "{\"index\":{\"_index\":\"" + RAW_INDEX + "\",\"_id\":\"" + id + "\",\"version\":0,\"version_type\":\"external\"}}\n");
        send(target, "PUT", "/" + RAW_INDEX, TARGET_SETTINGS);
        long start = System.nanoTime();
        bulk(target, "/_bulk", raw.bodies(), RAW_SENDERS);
        double elapsed = seconds(start);
        requireCount(target, RAW_INDEX, docs);
        return elapsed;
    }

    private static void printTable(int docs, BackfillRun backfill, double reindexSeconds, double rawSeconds) {
        double backfillRate = docs / backfill.seconds();
        double reindexRate = docs / reindexSeconds;
        double rawRate = docs / rawSeconds;
        double toCeiling = backfillRate / rawRate;
        double toReindex = backfillRate / reindexRate;
        long rssMiB = backfill.peakRssBytes() >> 20;
        System.out.println();
        System.out.printf("%,d documents, Elasticsearch 7.10 -> OpenSearch 2.19, tags-to-key-value; run in the order "
                + "(a) backfill, (b) remote reindex, (c) raw ceiling, each into a fresh index (2 shards, 0 replicas, "
                + "refresh 30s); (a) meets the engines cold and counts its JVM start, which weighs most at small N%n%n", docs);
        System.out.println("| copy | docs/s | seconds |");
        System.out.println("|---|---|---|");
        System.out.printf("| (a) backfill process (one slice per shard: 3, -Xmx%s; wall time incl. JVM start) | %,.0f | %.1f |%n",
                backfill.heap(), backfillRate, backfill.seconds());
        System.out.printf("| (b) remote _reindex by OpenSearch (size %d, Painless; engine's took) | %,.0f | %.1f |%n",
                REINDEX_SIZE, reindexRate, reindexSeconds);
        System.out.printf("| (c) raw _bulk ceiling (pre-serialized, %d docs, %d senders) | %,.0f | %.1f |%n",
                RAW_BULK_DOCS, RAW_SENDERS, rawRate, rawSeconds);
        System.out.println();
        System.out.println("| measure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf("| backfill / ceiling | %.2f | >= 0.85 (%s) |%n", toCeiling, toCeiling >= 0.85 ? "met" : "NOT met");
        System.out.printf("| backfill / remote reindex | %.2f | >= 1.25 (%s) |%n", toReindex, toReindex >= 1.25 ? "met" : "NOT met");
        System.out.printf("| backfill JVM peak RSS (VmHWM) | %d MiB | <= 512 (%s) |%n", rssMiB, rssMiB <= 512 ? "met" : "NOT met");
    }

    /**
     * The benchmark's documents, ids doc-0.. in order, passed through {@code transform}, as _bulk bodies of
     * {@code perBody} documents. One seeded generator makes them the same each time, so the old index and the raw
     * ceiling get the same documents without both sets of bodies being held in memory at once.
     */
    private static Bodies bodies(int docs, int perBody, DocumentTransform transform, Function<String, String> actionLine)
            throws IOException {
        Random random = new Random(DOCUMENT_SEED);
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long sourceBytes = 0;
        int inBody = 0;
        for (int i = 0; i < docs; i++) {
            String id = "doc-" + i;
            ObjectNode doc = JSON.createObjectNode();
            doc.put("id", id);
            doc.put("message", "the quick brown fox jumps over the lazy dog, message number " + i
                    + " of the backfill benchmark, copied from the old cluster into the new one three ways, each with four random tags");
            doc.put("n", i);
            ObjectNode tags = doc.putObject("tags");
            while (tags.size() < 4) {
                tags.put("key" + random.nextInt(10), "value-" + random.nextInt(1000));
            }
            sourceBytes += JSON.writeValueAsBytes(doc).length;
            body.write(actionLine.apply(id).getBytes(StandardCharsets.UTF_8));
            body.write(JSON.writeValueAsBytes(transform.apply(id, doc)));
            body.write('\n');
            if (++inBody == perBody) {
                bodies.add(body.toByteArray());
                body.reset();
                inBody = 0;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toByteArray());
        }
        return new Bodies(bodies, sourceBytes);
    }

    private static void bulk(RestClient client, String endpoint, List<byte[]> bodies, int senders) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        Request bulk = new Request("POST", endpoint);
                        bulk.setEntity(new ByteArrayEntity(bodies.get(i), ContentType.create("application/x-ndjson")));
                        String answer = EntityUtils.toString(client.performRequest(bulk).getEntity());
                        if (answer.contains("\"errors\":true")) {
                            throw new IllegalStateException("bulk had errors: " + answer.substring(0, Math.min(500, answer.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A copy that wrote fewer documents than the source holds is not a result. */
    private static void requireCount(RestClient client, String index, int expected) throws IOException {
        send(client, "POST", "/" + index + "/_refresh", null);
        long count = send(client, "GET", "/" + index + "/_count", null).path("count").asLong(-1);
        if (count != expected) {
            throw new IllegalStateException(index + " holds " + count + " documents, expected " + expected);
        }
    }

    private static JsonNode send(RestClient client, String method, String path, String json) throws IOException {
        Request request = new Request(method, path);
        if (json != null) {
            request.setJsonEntity(json);
        }
        return JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
