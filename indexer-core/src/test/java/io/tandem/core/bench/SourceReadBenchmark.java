package io.tandem.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.NodesCpu;
import io.tandem.core.source.ScrollSettings;
import io.tandem.core.source.SlicedScrollReader;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.process.LocalProcessProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Issue M's question, measured (not a test): on an Elasticsearch 8/9 source, does point-in-time + {@code search_after}
 * read an index more cheaply than the sliced scroll the backfill uses? The same index (N documents of ~300 bytes, 2
 * shards) is read whole, alternately, by {@link SlicedScrollReader} (one slice per shard, pages of 1,000, as the
 * backfill reads) and by a point in time sliced the same way, sorted by {@code _shard_doc}, pages of 1,000, each
 * slice on its own thread; each way is warmed up first. Prints per read the documents, seconds, and the CPU the
 * source node spent per 1,000 documents (its {@code _nodes/stats}): what the old cluster pays. Run it with
 * bench/source-read-benchmark [DOCUMENTS] [ENGINES] (default 300000 elasticsearch-8,elasticsearch-9).
 */
public final class SourceReadBenchmark {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String INDEX = "old";
    private static final int SHARDS = 2;
    private static final int PAGE = 1000;
    private static final int REPS = 3;

    private SourceReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        List<Engine> engines = new ArrayList<>();
        for (String id : (args.length > 1 ? args[1] : "elasticsearch-8,elasticsearch-9").split(",")) {
            engines.add(Engine.fromId(id));
        }
        System.setProperty("tandem.engine.heap", System.getProperty("tandem.engine.heap", "1g"));
        System.out.println("engine\tmethod\trep\tdocs\tseconds\tdocs_per_s\tsource_cpu_ms_per_1k\trequests");
        for (Engine engine : engines) {
            // one engine at a time: the other would share the two cores
            try (LocalStack stack = new LocalStack(new LocalProcessProvider());
                 RestClient client = RestClient.builder(HttpHost.create(stack.endpoint(engine).address())).build()) {
                seed(client, docs);
                read(client, true);
                read(client, false);
                for (int rep = 1; rep <= REPS; rep++) {
                    for (boolean scroll : new boolean[] {true, false}) {
                        NodesCpu before = NodesCpu.read(client);
                        long started = System.nanoTime();
                        Read read = read(client, scroll);
                        double seconds = (System.nanoTime() - started) / 1e9;
                        long cpu = NodesCpu.read(client).since(before);
                        if (read.documents() != docs) {
                            throw new IllegalStateException(engine.id() + ": read " + read.documents() + " of " + docs);
                        }
                        System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%.2f\t%.0f\t%.1f\t%d%n", engine.id(),
                                scroll ? "sliced-scroll" : "pit-search-after", rep, read.documents(), seconds,
                                docs / seconds, cpu * 1000.0 / docs, read.requests());
                    }
                }
            }
        }
    }

    private record Read(long documents, long requests) {
    }

    private static Read read(RestClient client, boolean scroll) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SHARDS);
        try {
            AtomicLong documents = new AtomicLong();
            AtomicLong requests = new AtomicLong();
            if (scroll) {
                SlicedScrollReader reader = new SlicedScrollReader(client, INDEX,
                        ScrollSettings.defaults().withSlices(SHARDS).withPageSize(PAGE));
                List<Future<Long>> slices = new ArrayList<>();
                for (int slice = 0; slice < SHARDS; slice++) {
                    int id = slice;
                    slices.add(threads.submit(() -> reader.readSlice(id, page -> { })));
                }
                for (Future<Long> slice : slices) {
                    documents.addAndGet(slice.get());
                }
                requests.set(reader.requests());
            } else {
                String pit = EngineCall.send(client, "POST", "/" + INDEX + "/_pit?keep_alive=1m", null).body()
                        .path("id").asText();
                List<Future<?>> slices = new ArrayList<>();
                for (int slice = 0; slice < SHARDS; slice++) {
                    int id = slice;
                    slices.add(threads.submit(() -> {
                        JsonNode after = null;
                        while (true) {
                            ObjectNode body = JSON.objectNode();
                            body.put("size", PAGE).put("track_total_hits", false);
                            body.putObject("pit").put("id", pit).put("keep_alive", "1m");
                            body.putArray("sort").addObject().put("_shard_doc", "asc");
                            body.putObject("slice").put("id", id).put("max", SHARDS);
                            if (after != null) {
                                body.set("search_after", after);
                            }
                            EngineCall.Reply reply = EngineCall.send(client, "POST", "/_search", body);
                            requests.incrementAndGet();
                            if (!reply.ok()) {
                                throw reply.refused("point-in-time slice " + id + ": ");
                            }
                            ArrayNode hits = (ArrayNode) reply.body().path("hits").path("hits");
                            if (hits.isEmpty()) {
                                return null;
                            }
                            documents.addAndGet(hits.size());
                            after = hits.get(hits.size() - 1).path("sort");
                        }
                    }));
                }
                for (Future<?> slice : slices) {
                    slice.get();
                }
                ObjectNode close = JSON.objectNode().put("id", pit);
                EngineCall.send(client, "DELETE", "/_pit", close);
                requests.addAndGet(2);
            }
            return new Read(documents.get(), requests.get());
        } finally {
            threads.shutdownNow();
        }
    }

    /** N documents of ~300 bytes with a tags map, as the backfill benchmark's, in an index of {@link #SHARDS} shards. */
    private static void seed(RestClient client, int docs) throws Exception {
        EngineCall.send(client, "PUT", "/" + INDEX, JSON.objectNode().set("settings", JSON.objectNode()
                .put("number_of_shards", SHARDS).put("number_of_replicas", 0).put("refresh_interval", "-1")));
        Random random = new Random(7);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < docs; i++) {
            bulk.append("{\"index\":{\"_id\":\"doc-").append(i).append("\"}}\n")
                    .append("{\"id\":\"doc-").append(i).append("\",\"message\":\"message number ").append(i)
                    .append(" with some text to make it about three hundred bytes long, like a chat line\",\"n\":")
                    .append(random.nextInt(1_000_000)).append(",\"tags\":{\"env\":\"v").append(random.nextInt(5))
                    .append("\",\"team\":\"t").append(random.nextInt(50)).append("\",\"url\":\"https://example.org/a/")
                    .append(random.nextInt(10_000)).append("\"}}\n");
            if ((i + 1) % 2000 == 0 || i == docs - 1) {
                Request request = new Request("POST", "/" + INDEX + "/_bulk");
                request.setEntity(new ByteArrayEntity(bulk.toString().getBytes(StandardCharsets.UTF_8),
                        ContentType.create("application/x-ndjson")));
                client.performRequest(request);
                bulk.setLength(0);
            }
        }
        EngineCall.send(client, "POST", "/" + INDEX + "/_refresh", null);
        EngineCall.send(client, "POST", "/" + INDEX + "/_forcemerge?max_num_segments=1", null);
    }
}
