package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ScrollRequestsTest {

    private static final SliceChunks WHOLE = SliceChunks.whole();
    private final ScrollSettings defaults = ScrollSettings.defaults().withPageSize(1000);

    @Test
    void aSliceOpensASlicedScrollSortedByDocOverEveryDocument() {
        ScrollRequests requests = new ScrollRequests("messages", defaults.withSlices(4));

        assertThat(requests.openEndpoint()).isEqualTo("/messages/_search?scroll=5m");
        assertThat(requests.openBody(2, WHOLE, WHOLE.all())).isEqualTo(Json.object("{'size':1000,'sort':['_doc'],'slice':{'id':2,'max':4}}"));
    }

    @Test
    void oneSliceSendsNoSliceClauseWhichTheEnginesRefuseWithMaxOne() {
        ScrollRequests requests = new ScrollRequests("messages", defaults.withSlices(1));

        assertThat(requests.openBody(0, WHOLE, WHOLE.all())).isEqualTo(Json.object("{'size':1000,'sort':['_doc']}"));
    }

    @Test
    void theQueryAndVersionsAreAskedForOnlyWhenSet() {
        ScrollSettings settings = defaults.withSlices(4).withPageSize(50).withQuery(Json.object("{'range':{'n':{'gte':1.10}}}"))
                .withVersion(true);
        ScrollRequests requests = new ScrollRequests("messages", settings);

        assertThat(requests.openBody(0, WHOLE, WHOLE.all()).toString()).isEqualTo(
                "{\"size\":50,\"sort\":[\"_doc\"],\"query\":{\"range\":{\"n\":{\"gte\":1.10}}},\"slice\":{\"id\":0,\"max\":4},\"version\":true}");
        assertThat(requests.countEndpoint()).isEqualTo("/messages/_count");
        assertThat(requests.countBody()).isEqualTo(Json.object("{'query':{'range':{'n':{'gte':1.10}}}}"));
        assertThat(new ScrollRequests("messages", defaults).countBody()).isEqualTo(Json.object("{}"));
    }

    @Test
    void aSliceInChunksAsksForEachHitsSeqNoAndFirstForEachChunksDocumentsAndOnlyAResumedReadingIsFiltered() {
        SliceChunks chunks = new SliceChunks(99_999, 25_000);
        ScrollRequests alone = new ScrollRequests("messages", defaults.withSlices(1));
        ScrollRequests withQuery = new ScrollRequests("messages", defaults.withSlices(1)
                .withQuery(Json.object("{'term':{'kind':'a'}}")));
        BitSet lastTwo = chunks.all();
        lastTwo.clear(0, 2);

        // (the sequence numbers are longs: compared as text)
        assertThat(alone.openBody(0, chunks, chunks.all()).toString()).isEqualTo(Json.object(
                "{'size':1000,'sort':['_doc'],'seq_no_primary_term':true,'aggs':{'tandem_chunks':{'histogram':"
                        + "{'field':'_seq_no','interval':25000,'min_doc_count':1}}}}").toString());
        assertThat(withQuery.openBody(0, chunks, lastTwo).toString()).isEqualTo(Json.object("{'size':1000,"
                + "'sort':['_doc'],'query':{'bool':{'filter':[{'term':{'kind':'a'}},{'bool':{'should':[{'range':"
                + "{'_seq_no':{'gte':50000}}}]}}]}},'seq_no_primary_term':true,'aggs':{'tandem_chunks':{'histogram':"
                + "{'field':'_seq_no','interval':25000,'min_doc_count':1}}}}").toString());
        // a point in time's later pages are not counted again
        assertThat(alone.pointInTimeBody(0, chunks, chunks.all(), "pit", Json.object("{'a':[1]}").get("a")).has("aggs"))
                .isFalse();
    }

    @Test
    void theNextPageAndTheClearCarryTheScrollIdInTheBody() {
        ScrollRequests requests = new ScrollRequests("messages", defaults.withKeepAlive(Duration.ofSeconds(90)));

        assertThat(requests.continueBody("c2Nyb2xs==")).isEqualTo(Json.object("{'scroll':'90s','scroll_id':'c2Nyb2xs=='}"));
        assertThat(ScrollRequests.clearBody("c2Nyb2xs==")).isEqualTo(Json.object("{'scroll_id':['c2Nyb2xs==']}"));
        assertThat(ScrollRequests.SCROLL_ENDPOINT).isEqualTo("/_search/scroll");
    }

    @Test
    void keepAliveIsSentInTheLargestExactUnit() {
        assertThat(ScrollRequests.timeValue(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(ScrollRequests.timeValue(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(ScrollRequests.timeValue(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(ScrollRequests.timeValue(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void theIndexNameIsEscapedInThePath() {
        ScrollRequests requests = new ScrollRequests("odd/name", defaults);

        assertThat(requests.openEndpoint()).isEqualTo("/odd%2Fname/_search?scroll=5m");
        assertThat(requests.countEndpoint()).isEqualTo("/odd%2Fname/_count");
    }
}
