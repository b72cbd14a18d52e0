package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrollRequestsTest {

    private final ScrollSettings defaults = ScrollSettings.defaults().withPageSize(1000);

    @Test
    void aSliceOpensASlicedScrollSortedByDocOverEveryDocument() {
        ScrollRequests requests = new ScrollRequests("messages", defaults.withSlices(4));

        assertThat(requests.openEndpoint()).isEqualTo("/messages/_search?scroll=5m");
        assertThat(requests.openBody(2, Optional.empty())).isEqualTo(Json.object("{'size':1000,'sort':['_doc'],'slice':{'id':2,'max':4}}"));
    }

    @Test
    void oneSliceSendsNoSliceClauseWhichTheEnginesRefuseWithMaxOne() {
        ScrollRequests requests = new ScrollRequests("messages", defaults.withSlices(1));

        assertThat(requests.openBody(0, Optional.empty())).isEqualTo(Json.object("{'size':1000,'sort':['_doc']}"));
    }

    @Test
    void theQueryAndVersionsAreAskedForOnlyWhenSet() {
        ScrollSettings settings = defaults.withSlices(4).withPageSize(50).withQuery(Json.object("{'range':{'n':{'gte':1.10}}}"))
                .withVersion(true);
        ScrollRequests requests = new ScrollRequests("messages", settings);

        assertThat(requests.openBody(0, Optional.empty()).toString()).isEqualTo(
                "{\"size\":50,\"sort\":[\"_doc\"],\"query\":{\"range\":{\"n\":{\"gte\":1.10}}},\"slice\":{\"id\":0,\"max\":4},\"version\":true}");
        assertThat(requests.countEndpoint()).isEqualTo("/messages/_count");
        assertThat(requests.countBody()).isEqualTo(Json.object("{'query':{'range':{'n':{'gte':1.10}}}}"));
        assertThat(new ScrollRequests("messages", defaults).countBody()).isEqualTo(Json.object("{}"));
    }

    @Test
    void aChunkIsTheSlicesSeqNoRangeAndBothFilterWithTheQuery() {
        SliceChunks chunks = new SliceChunks(99_999, 25_000);
        ScrollRequests alone = new ScrollRequests("messages", defaults.withSlices(1));
        ScrollRequests withQuery = new ScrollRequests("messages", defaults.withSlices(1)
                .withQuery(Json.object("{'term':{'kind':'a'}}")));

        // (the sequence numbers are longs: compared as text)
        assertThat(alone.openBody(0, chunks.filter(1)).toString()).isEqualTo(Json.object(
                "{'size':1000,'sort':['_doc'],'query':{'range':{'_seq_no':{'gte':25000,'lt':50000}}}}").toString());
        assertThat(withQuery.openBody(0, chunks.filter(3)).toString()).isEqualTo(Json.object("{'size':1000,"
                + "'sort':['_doc'],'query':{'bool':{'filter':[{'term':{'kind':'a'}},{'range':{'_seq_no':{'gte':75000}}}]}}}")
                .toString());
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
