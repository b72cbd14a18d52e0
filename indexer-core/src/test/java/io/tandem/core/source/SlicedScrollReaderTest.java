package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.cluster.RetryPolicy;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader's protocol and failure handling, against a scripted engine; the real engines are in the IT. */
class SlicedScrollReaderTest {

    private static final String OPEN = "POST /messages/_search";
    private static final String SCROLL = "POST /_search/scroll";
    private static final String CLEAR = "DELETE /_search/scroll";
    private static final String EXPIRED = "{'error':{'root_cause':[{'type':'search_context_missing_exception',"
            + "'reason':'No search context found for id [3]'}],'type':'search_phase_execution_exception',"
            + "'reason':'all shards failed','caused_by':{'type':'search_context_missing_exception',"
            + "'reason':'No search context found for id [3]'}},'status':404}";

    private final FakeEngine engine = new FakeEngine();
    private final List<Duration> slept = new ArrayList<>();
    private final List<List<SourceDocument>> pages = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        engine.close();
    }

    private SlicedScrollReader reader(ScrollSettings settings) {
        return new SlicedScrollReader(engine.client(), "messages", settings,
                new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1)), slept::add);
    }

    private static String page(String scrollId, int total, String... ids) {
        StringBuilder hits = new StringBuilder();
        for (String id : ids) {
            hits.append(hits.length() == 0 ? "" : ",").append("{'_index':'messages','_type':'_doc','_id':'").append(id)
                    .append("','_score':null,'_source':{'id':'").append(id).append("','price':1.10},'sort':[0]}");
        }
        return "{'_scroll_id':'" + scrollId + "','took':1,'timed_out':false,'_shards':{'total':3,'successful':3,"
                + "'skipped':0,'failed':0},'hits':{'total':{'value':" + total + ",'relation':'eq'},'max_score':null,"
                + "'hits':[" + hits + "]}}";
    }

    @Test
    void readsEveryPageInOrderWithTheLatestScrollIdThenClearsIt() throws Exception {
        engine.answer(OPEN, 200, page("s1", 3, "a", "b"))
                .answer(SCROLL, 200, page("s2", 3, "c"))
                .answer(SCROLL, 200, page("s3", 3))
                .answer(CLEAR, 200, "{'succeeded':true,'num_freed':3}");
        SlicedScrollReader reader = reader(ScrollSettings.defaults().withPageSize(2));

        long read = reader.readSlice(1, pages::add);

        assertThat(read).isEqualTo(3);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).extracting(SourceDocument::id).containsExactly("a", "b");
        assertThat(pages.get(1)).extracting(SourceDocument::id).containsExactly("c");
        assertThat(pages.get(1).get(0).source().toString()).isEqualTo("{\"id\":\"c\",\"price\":1.10}");
        assertThat(engine.received()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /", "GET /messages/_settings/index.number_of_shards", "POST /messages/_search?scroll=5m",
                "POST /_search/scroll", "POST /_search/scroll", "DELETE /_search/scroll");
        assertThat(reader.pages()).as("the last, empty one included").isEqualTo(3);
        assertThat(reader.requests()).as("every request above").isEqualTo(6);
        assertThat(engine.received("POST", "/messages/_search").get(0).body())
                .isEqualTo(Json.parse("{'size':2,'sort':['_doc'],'slice':{'id':1,'max':4}}"));
        assertThat(engine.received("POST", "/_search/scroll")).extracting(r -> r.body().path("scroll_id").asText())
                .containsExactly("s1", "s2");
        assertThat(engine.received("DELETE", "/_search/scroll").get(0).body()).isEqualTo(Json.parse("{'scroll_id':['s3']}"));
        assertThat(slept).isEmpty();
    }

    @Test
    void aPageSizeLeftToTheReaderIsSizedFromTheIndexStatsAndCountedAsARequest() throws Exception {
        SlicedScrollReader reader = readEmptySliceWithStats(200,
                "{'_all':{'primaries':{'docs':{'count':2000},'store':{'size_in_bytes':80000000}}}}");

        assertThat(reader.pageSize()).as("40,000 stored bytes per document: 4 MiB / 40,000").isEqualTo(104);
        assertThat(engine.received("POST", "/messages/_search").get(0).body().path("size").asInt()).isEqualTo(104);
        assertThat(reader.requests()).as("GET /, shards, stats, open, clear").isEqualTo(5);
    }

    @Test
    void anIndexWhoseStatsAreRefusedIsReadInPagesOfAThousand() throws Exception {
        SlicedScrollReader reader = readEmptySliceWithStats(403,
                "{'error':{'type':'security_exception','reason':'action [indices:monitor/stats] is unauthorized'},'status':403}");

        assertThat(reader.pageSize()).isEqualTo(1000);
        assertThat(engine.received("POST", "/messages/_search").get(0).body().path("size").asInt()).isEqualTo(1000);
    }

    /** A reader with the page size left to it, the index's stats answered as given, after reading an empty slice. */
    private SlicedScrollReader readEmptySliceWithStats(int status, String stats) throws Exception {
        engine.answer("GET /messages/_stats/docs,store", status, stats).answer(OPEN, 200, page("s1", 0));
        SlicedScrollReader reader = reader(ScrollSettings.defaults());
        reader.readSlice(0, pages::add);
        return reader;
    }

    @Test
    void aPageSizeGivenIsKeptWithoutAskingForTheStats() {
        assertThat(reader(ScrollSettings.defaults().withPageSize(7)).pageSize()).isEqualTo(7);
        assertThat(engine.received("GET", "/messages/_stats/docs,store")).isEmpty();
    }

    @Test
    void anEmptySliceCallsNoHandler() throws Exception {
        engine.answer(OPEN, 200, page("s1", 0));

        assertThat(reader(ScrollSettings.defaults()).readSlice(0, pages::add)).isZero();
        assertThat(pages).isEmpty();
        assertThat(engine.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void refusalsThatMayPassAreRetriedWithGrowingWaits() throws Exception {
        engine.answer(OPEN, 429, "{'error':{'type':'es_rejected_execution_exception','reason':'queue full'},'status':429}")
                .answer(OPEN, 503, "{'error':{'type':'search_phase_execution_exception','reason':'all shards failed'},'status':503}")
                .answer(OPEN, 200, page("s1", 1, "a"))
                .answer(SCROLL, 502, "<html>Bad Gateway</html>")
                .answer(SCROLL, 200, page("s1", 1));

        long read = reader(ScrollSettings.defaults()).readSlice(0, pages::add);

        assertThat(read).isEqualTo(1);
        assertThat(slept).hasSize(3);
        assertThat(slept.get(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(slept.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(engine.received("POST", "/_search/scroll")).extracting(r -> r.body().path("scroll_id").asText())
                .containsExactly("s1", "s1");
    }

    @Test
    void anErrorThatIsNotJsonIsReportedAsItsTextWithoutMarkup() {
        engine.answer(OPEN, 400, "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>Bad Request</body></html>");

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(0, pages::add))
                .hasMessage("slice 0 (of 4) of 'messages': POST /messages/_search?scroll=5m answered HTTP 400 "
                        + "400 Bad Request Bad Request");
    }

    @Test
    void aRefusalThatOutlastsTheRetriesFailsTheSliceInOneLineAndClearsTheScroll() {
        engine.answer(OPEN, 200, page("s1", 2, "a"));
        for (int i = 0; i < 6; i++) {
            engine.answer(SCROLL, 429, "{'error':{'type':'es_rejected_execution_exception','reason':'rejected\\nexecution'},'status':429}");
        }

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(0, pages::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("slice 0 (of 4) of 'messages': POST /_search/scroll answered HTTP 429 "
                        + "es_rejected_execution_exception: rejected execution (gave up after 6 tries)");
        assertThat(slept).hasSize(5);
        assertThat(engine.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void anUnreachableEngineIsRetriedThenAnUncheckedIoException() {
        SlicedScrollReader reader = reader(ScrollSettings.defaults());
        engine.stop();

        assertThatThrownBy(() -> reader.readSlice(0, pages::add))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("slice 0 (of 4) of 'messages': POST /messages/_search?scroll=5m failed: ")
                .hasMessageEndingWith("(gave up after 6 tries)");
        assertThat(slept).hasSize(5);
    }

    @Test
    void anExpiredScrollFailsTheSliceAsOneToReadAgainSayingToRaiseTheKeepAlive() {
        engine.answer(OPEN, 200, page("s1", 4, "a", "b"))
                .answer(SCROLL, 404, EXPIRED)
                .answer(CLEAR, 404, "{'succeeded':true,'num_freed':0}");

        assertThatThrownBy(() -> reader(ScrollSettings.defaults().withKeepAlive(Duration.ofSeconds(1))).readSlice(2, pages::add))
                .isInstanceOf(SliceReadAgainException.class)
                .hasMessage("slice 2 (of 4) of 'messages': the scroll expired on the engine (search_context_missing_exception) "
                        + "after 2 documents: raise the keep-alive (now 1s) above the longest time a page handler blocks "
                        + "or the source is away, then read the slice again");
        assertThat(slept).isEmpty();
    }

    @Test
    void someShardsExpiredIsAnExpiredScrollTooAndOtherShardFailuresFailTheSlice() {
        engine.answer(OPEN, 200, page("s1", 4, "a"))
                .answer(SCROLL, 200, "{'_scroll_id':'s1','_shards':{'total':3,'failed':1,'failures':[{'shard':2,"
                        + "'reason':{'type':'search_context_missing_exception','reason':'No search context found'}}]},"
                        + "'hits':{'total':4,'hits':[{'_id':'b','_source':{}}]}}")
                .answer(OPEN, 200, "{'_scroll_id':'s2','_shards':{'total':3,'failed':1,'failures':[{'shard':0,"
                        + "'reason':{'type':'es_rejected_execution_exception','reason':'queue full'}}]},"
                        + "'hits':{'total':4,'hits':[{'_id':'a','_source':{}}]}}");
        SlicedScrollReader reader = reader(ScrollSettings.defaults());

        assertThatThrownBy(() -> reader.readSlice(0, pages::add))
                .hasMessageContaining("the scroll expired on the engine").hasMessageContaining("raise the keep-alive");
        assertThatThrownBy(() -> reader.readSlice(0, pages::add)).isInstanceOf(SliceReadAgainException.class)
                .hasMessage("slice 0 (of 4) of 'messages': 1 shards failed, so the page lacks their documents: "
                        + "es_rejected_execution_exception: queue full; read the slice again");
        assertThat(pages).hasSize(1);
    }

    @Test
    void aPageLostToARetryIsFoundByComparingWithTheScrollsTotal() {
        engine.answer(OPEN, 200, page("s1", 5, "a", "b"))
                .answer(SCROLL, 200, page("s1", 5, "e"))
                .answer(SCROLL, 200, page("s1", 5));

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(0, pages::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("slice 0 (of 4) of 'messages': read 3 documents where the scroll matched 5 (a page answered "
                        + "to a request that was then retried?): read the slice again");
    }

    @Test
    void aFailingHandlerStillClearsTheScroll() {
        engine.answer(OPEN, 200, page("s1", 2, "a"));

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(0, page -> {
            throw new IllegalArgumentException("target refused");
        })).hasMessage("target refused");
        assertThat(engine.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void anInterruptedThreadStillClearsTheScrollAndStaysInterrupted() {
        engine.answer(OPEN, 200, page("s1", 2, "a"));

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(0, page -> {
            Thread.currentThread().interrupt(); // as when a shutdown interrupts a handler that does not check
            throw new IllegalStateException("stopping");
        })).hasMessage("stopping");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(engine.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void aRefusalOtherThanExpiryFailsAtOnce() {
        engine.answer(OPEN, 404, "{'error':{'root_cause':[{'type':'index_not_found_exception','reason':'no such index [messages]'}],"
                + "'type':'index_not_found_exception','reason':'no such index [messages]'},'status':404}");

        assertThatThrownBy(() -> reader(ScrollSettings.defaults()).readSlice(3, pages::add))
                .hasMessage("slice 3 (of 4) of 'messages': POST /messages/_search?scroll=5m answered HTTP 404 "
                        + "index_not_found_exception: no such index [messages]");
        assertThat(slept).isEmpty();
        assertThat(engine.received("DELETE", "/_search/scroll")).isEmpty(); // no scroll was opened
    }

    @Test
    void aSliceOutsideTheSettingsIsRefused() {
        SlicedScrollReader reader = reader(ScrollSettings.defaults());

        assertThatThrownBy(() -> reader.readSlice(4, pages::add)).hasMessage("slice: must be between 0 and 3, was 4");
        assertThatThrownBy(() -> reader.readSlice(-1, pages::add)).hasMessage("slice: must be between 0 and 3, was -1");
        assertThat(reader.slices()).isEqualTo(4);
    }

    @Test
    void countSendsTheQueryAndRefusesAPartialCount() {
        engine.answer("POST /messages/_count", 200, "{'count':42,'_shards':{'total':3,'successful':3,'failed':0}}")
                .answer("POST /messages/_count", 200, "{'count':40,'_shards':{'total':3,'successful':2,'failed':1,"
                        + "'failures':[{'shard':1,'reason':{'type':'x','reason':'y'}}]}}");
        SlicedScrollReader reader = reader(ScrollSettings.defaults().withQuery(Json.object("{'term':{'a':'b'}}")));

        assertThat(reader.count()).isEqualTo(42);
        assertThat(engine.received("POST", "/messages/_count").get(0).body()).isEqualTo(Json.parse("{'query':{'term':{'a':'b'}}}"));
        assertThatThrownBy(reader::count).hasMessage("count of 'messages': 1 of 3 shards failed: x: y");
    }

    @Test
    void detectsTheEngineOnceAndRefusesElasticsearchBeforeSix() {
        assertThat(reader(ScrollSettings.defaults()).engine()).isEqualTo(new EngineInfo("elasticsearch", "7.10.2", 7, 10));

        engine.answer("GET /", 200, "{'version':{'number':'5.6.16'}}");
        assertThatThrownBy(() -> reader(ScrollSettings.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the source cluster is Elasticsearch 5.6.16: Tandem reads Elasticsearch 6.0 and later (an index "
                        + "of 5.x may hold several mapping types, whose ids collide in a typeless target) and OpenSearch");
        assertThatThrownBy(() -> new SlicedScrollReader(engine.client(), " ", ScrollSettings.defaults()))
                .hasMessage("index: must not be blank, was  ");
    }
}
