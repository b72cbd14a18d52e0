package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reader on the four real engines: Elasticsearch 6.8 (typed) and 7.10, OpenSearch 2.19 and 3.8. */
@WithEngines(value = {Engine.ELASTICSEARCH_7, Engine.ELASTICSEARCH_6, Engine.OPENSEARCH_2},
        optional = {Engine.OPENSEARCH_3, Engine.ELASTICSEARCH_8, Engine.ELASTICSEARCH_9})
class SlicedScrollReaderIT {

    /**
     * A document's {@code _source} as JSON text in the form the reader writes it back (compact, non-ASCII as is), so
     * that comparing text proves it exact: decimals keep their trailing zeros and all their digits.
     */
    private static String source(int n) {
        return "{\"n\":" + n + ",\"title\":\"document " + n + " – ünïcødé ✓\",\"price\":" + (n % 100) + "." + (n % 10)
                + "0,\"precise\":0.12345678901234567890" + n + ",\"tags\":[\"t" + (n % 7) + "\",\"all\"],"
                + "\"nested\":{\"even\":" + (n % 2 == 0) + ",\"none\":null}}";
    }

    private static Map<String, String> documents(int count) {
        Map<String, String> documents = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(n -> documents.put("doc-" + n, source(n)));
        return documents;
    }

    /** Every document of every slice, read by one thread per slice as the backfill does; fails on a duplicate id. */
    private static Map<String, SourceDocument> readAll(SlicedScrollReader reader, long[] perSlice) throws Exception {
        Map<String, SourceDocument> read = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(reader.slices());
        try {
            List<Future<Long>> slices = new ArrayList<>();
            for (int slice = 0; slice < reader.slices(); slice++) {
                int current = slice;
                slices.add(threads.submit(() -> reader.readSlice(current, page -> page.forEach(document -> {
                    if (read.putIfAbsent(document.id(), document) != null) {
                        synchronized (duplicates) {
                            duplicates.add(document.id());
                        }
                    }
                }))));
            }
            for (int slice = 0; slice < slices.size(); slice++) {
                perSlice[slice] = slices.get(slice).get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(duplicates).as("ids read twice").isEmpty();
        return read;
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void aSlicePerShardReturnsEveryIdExactlyOnceWithItsExactSource(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            Map<String, String> documents = documents(3000);
            index.load(documents);
            SlicedScrollReader reader = new SlicedScrollReader(index.client(), index.name(),
                    ScrollSettings.defaults().withPageSize(200));
            long[] perSlice = new long[3];

            Map<String, SourceDocument> read = readAll(reader, perSlice);

            assertThat(reader.slices()).as("one per shard").isEqualTo(3);
            assertThat(read.keySet()).isEqualTo(documents.keySet());
            read.forEach((id, document) -> assertThat(document.source().toString()).as(id).isEqualTo(documents.get(id)));
            assertThat(read.values()).extracting(SourceDocument::version).containsOnly(OptionalLong.empty());
            assertThat(perSlice).as("documents per slice").doesNotContain(0L);
            assertThat(perSlice[0] + perSlice[1] + perSlice[2]).isEqualTo(3000);
            assertThat(reader.count()).isEqualTo(3000);
            // per slice its pages of 200 and the empty last one; requests: identity, shards, count, pages, clears, and
            // on Elasticsearch 9 each slice's point in time opened
            assertThat(reader.pages()).isEqualTo(Arrays.stream(perSlice).map(n -> (n + 199) / 200 + 1).sum());
            int opened = reader.readsBy().equals("point in time") ? 3 : 0;
            assertThat(reader.requests()).isEqualTo(3 + reader.pages() + 3 + opened);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void eachChunksDocumentsAreCountedInTheFirstAnswerAndAResumedReadingReadsTheChunksLeftAtTheirNewestState(
            Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            Map<String, String> documents = documents(1500);
            index.load(documents);
            SlicedScrollReader reader = new SlicedScrollReader(index.client(), index.name(),
                    ScrollSettings.defaults().withPageSize(40));
            SliceChunks chunks = reader.chunks(100);
            assertThat(chunks.count()).as("about 100 of the ~500 documents of each shard per chunk").isBetween(4, 7);

            // a first reading: one plain scroll per slice, each chunk's documents counted in its first answer
            Map<String, Integer> chunkOf = new ConcurrentHashMap<>();
            for (int slice = 0; slice < reader.slices(); slice++) {
                long[][] counted = new long[1][];
                long[] seen = new long[chunks.count()];
                reader.readChunks(slice, chunks, chunks.all(), counts -> counted[0] = counts,
                        page -> page.forEach(document -> {
                            assertThat(document.seqNo()).as("asked for each hit").isNotNegative();
                            seen[chunks.chunkOf(document.seqNo())]++;
                            assertThat(chunkOf.put(document.id(), chunks.chunkOf(document.seqNo()))).isNull();
                        }));
                assertThat(counted[0]).as("slice %d", slice).containsExactly(seen);
            }
            assertThat(chunkOf.keySet()).isEqualTo(documents.keySet());

            // a resumed reading of the chunks after the first: a document of the first updated meanwhile moves to the
            // open-ended last chunk, and is read there at its newest state
            String moved = chunkOf.entrySet().stream().filter(entry -> entry.getValue() == 0).findFirst()
                    .orElseThrow().getKey();
            index.load(Map.of(moved, "{\"n\":-1,\"updated\":true}"));
            BitSet left = chunks.all();
            left.clear(0);
            Map<String, List<String>> read = new ConcurrentHashMap<>();
            for (int slice = 0; slice < reader.slices(); slice++) {
                reader.readChunks(slice, chunks, left, counts -> { }, page -> page.forEach(document -> read
                        .computeIfAbsent(document.id(), id -> new ArrayList<>()).add(document.source().toString())));
            }

            Set<String> expected = chunkOf.entrySet().stream().filter(entry -> entry.getValue() > 0)
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
            expected.add(moved);
            assertThat(read.keySet()).isEqualTo(expected);
            assertThat(read.entrySet()).filteredOn(entry -> entry.getValue().size() != 1).as("read more than once")
                    .isEmpty();
            assertThat(read.get(moved)).containsExactly("{\"n\":-1,\"updated\":true}");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void moreSlicesThanShardsAreRefusedUnlessTheCostIsAccepted(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            Map<String, String> documents = documents(500);
            index.load(documents);

            assertThatThrownBy(() -> new SlicedScrollReader(index.client(), index.name(),
                    ScrollSettings.defaults().withSlices(4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("slices: 4 slices of '" + index.name() + "', which has 3 primary shards: "
                            + "each slice beyond the shard count makes the source engine hash the _id of every "
                            + "document of a shard");

            SlicedScrollReader accepted = new SlicedScrollReader(index.client(), index.name(),
                    ScrollSettings.defaults().withSlices(4).withBeyondShards(true));
            assertThat(accepted.slices()).isEqualTo(4);
            assertThat(readAll(accepted, new long[4]).keySet()).isEqualTo(documents.keySet());
            assertThat(new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults().withSlices(2))
                    .slices()).as("fewer than the shards is cheap").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void aQueryReadsOnlyTheMatchingDocumentsAndCountAgrees(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            index.load(documents(1000));
            SlicedScrollReader reader = new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults()
                    .withPageSize(50).withQuery(Json.object("{'range':{'n':{'gte':100,'lt':350}}}")));

            Map<String, SourceDocument> read = readAll(reader, new long[4]);

            assertThat(read.keySet()).isEqualTo(IntStream.range(100, 350).mapToObj(n -> "doc-" + n).collect(Collectors.toSet()));
            assertThat(reader.count()).isEqualTo(250);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void oneSliceReadsTheWholeIndexAsOnePlainScroll(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            Map<String, String> documents = documents(1000);
            index.load(documents);
            SlicedScrollReader reader = new SlicedScrollReader(index.client(), index.name(),
                    ScrollSettings.defaults().withSlices(1).withPageSize(300));
            List<Integer> pageSizes = new ArrayList<>();
            List<String> ids = new ArrayList<>();

            long read = reader.readSlice(0, page -> {
                pageSizes.add(page.size());
                page.forEach(document -> ids.add(document.id()));
            });

            assertThat(read).isEqualTo(1000);
            assertThat(pageSizes).containsExactly(300, 300, 300, 100);
            assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(documents.keySet());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void withVersionGivesEachDocumentItsVersion(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            index.load(Map.of("twice", source(1), "once", source(2)));
            index.load(Map.of("twice", source(3)));
            ScrollSettings settings = ScrollSettings.defaults().withSlices(2);

            Map<String, SourceDocument> versioned = readAll(
                    new SlicedScrollReader(index.client(), index.name(), settings.withVersion(true)), new long[2]);
            Map<String, SourceDocument> plain = readAll(
                    new SlicedScrollReader(index.client(), index.name(), settings), new long[2]);

            assertThat(versioned.get("twice").version()).hasValue(2);
            assertThat(versioned.get("twice").source().toString()).isEqualTo(source(3));
            assertThat(versioned.get("once").version()).hasValue(1);
            assertThat(plain.values()).extracting(SourceDocument::version).containsOnly(OptionalLong.empty());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void detectsWhichEngineItReads(Engine engine, Engines engines) throws Exception {
        EngineEndpoint endpoint = engines.get(engine);
        try (TestIndex index = TestIndex.create(endpoint)) {
            EngineInfo expected = switch (engine) {
                case ELASTICSEARCH_6 -> new EngineInfo("elasticsearch", "6.8.9", 6, 8);
                case ELASTICSEARCH_7 -> new EngineInfo("elasticsearch", "7.10.2", 7, 10);
                case OPENSEARCH_2 -> new EngineInfo("opensearch", "2.19.1", 2, 19);
                case OPENSEARCH_3 -> new EngineInfo("opensearch", "3.8.0", 3, 8);
                case ELASTICSEARCH_8 -> new EngineInfo("elasticsearch", "8.19.21", 8, 19);
                case ELASTICSEARCH_9 -> new EngineInfo("elasticsearch", "9.5.3", 9, 5);
                default -> throw new IllegalArgumentException(engine.toString());
            };

            EngineInfo detected = EngineInfo.detect(index.client());

            assertThat(detected).isEqualTo(expected);
            assertThat(detected.number()).isEqualTo(endpoint.version());
            assertThat(detected.typedMappings()).isEqualTo(engine == Engine.ELASTICSEARCH_6);
            assertThat(new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults()).engine())
                    .isEqualTo(expected);
        }
    }

    /** Elasticsearch 9 is read by a point in time (half the source's CPU there), up to one slice per shard. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void readsByPointInTimeOnElasticsearch9AndByScrollElsewhereOrBeyondTheShards(Engine engine, Engines engines)
            throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            index.load(documents(10));
            String expected = engine == Engine.ELASTICSEARCH_9 ? "point in time" : "scroll";
            assertThat(new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults()).readsBy())
                    .isEqualTo(expected);
            assertThat(new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults()
                    .withBeyondShards(true)).readsBy()).as("slices beyond the shards").isEqualTo("scroll");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "ELASTICSEARCH_6", "OPENSEARCH_2", "OPENSEARCH_3",
            "ELASTICSEARCH_8", "ELASTICSEARCH_9"})
    void anExpiredScrollOrPointInTimeFailsTheSliceSayingToRaiseTheKeepAlive(Engine engine, Engines engines) throws Exception {
        try (TestIndex index = TestIndex.create(engines.get(engine))) {
            index.load(documents(50));
            SlicedScrollReader reader = new SlicedScrollReader(index.client(), index.name(), ScrollSettings.defaults()
                    .withSlices(1).withPageSize(10).withKeepAlive(Duration.ofSeconds(1)));
            List<Integer> pages = new ArrayList<>();

            assertThatThrownBy(() -> reader.readSlice(0, page -> {
                pages.add(page.size());
                Thread.sleep(3000); // longer than the keep-alive, as a blocked target would make it
                // the engines reap expired contexts only every minute (search.keep_alive_interval): free them now
                // (local-stack's Elasticsearch 8 and 9 reap them every second, which frees a point in time too)
                index.send("DELETE", "/_search/scroll/_all");
            }))
                    .isInstanceOf(SliceReadAgainException.class)
                    .hasMessage("slice 0 (of 1) of '" + index.name() + "': the " + reader.readsBy() + " expired on the engine "
                            + "(search_context_missing_exception) after 10 documents: raise the keep-alive (now 1s) above "
                            + "the longest time a page handler blocks or the source is away, then read the slice again");
            assertThat(pages).containsExactly(10);
        }
    }
}
