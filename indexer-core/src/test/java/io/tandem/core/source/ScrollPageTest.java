package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScrollPageTest {

    private static final String LABEL = "slice 1 (of 4) of 'messages'";

    @Test
    void readsAnElasticsearch7OrOpenSearchPageWithItsTotalObject() {
        ScrollPage page = ScrollPage.parse(Json.parse("{'_scroll_id':'abc','took':3,'timed_out':false,"
                + "'_shards':{'total':3,'successful':3,'skipped':0,'failed':0},'hits':{'total':{'value':2,'relation':'eq'},"
                + "'max_score':null,'hits':[{'_index':'messages','_type':'_doc','_id':'1','_score':null,"
                + "'_source':{'price':1.10,'p':0.123456789012345678901,'big':12345678901234567890123},'sort':[0]},"
                + "{'_index':'messages','_type':'_doc','_id':'2','_score':null,'_source':{},'sort':[1]}]}}"), false, LABEL);

        assertThat(page.scrollId()).isEqualTo("abc");
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.failedShards()).isZero();
        assertThat(page.timedOut()).isFalse();
        assertThat(page.documents()).extracting(SourceDocument::id).containsExactly("1", "2");
        assertThat(page.documents()).extracting(SourceDocument::version).containsOnly(OptionalLong.empty());
        // exactly as the engine sent it: the decimal keeps its trailing zero and every digit
        assertThat(page.documents().get(0).source().toString())
                .isEqualTo("{\"price\":1.10,\"p\":0.123456789012345678901,\"big\":12345678901234567890123}");
    }

    @Test
    void readsAnElasticsearch6PageWhoseTotalIsANumberAndDropsTheType() {
        ScrollPage page = ScrollPage.parse(Json.parse("{'_scroll_id':'abc','timed_out':false,'_shards':{'failed':0},"
                + "'hits':{'total':7,'hits':[{'_index':'m','_type':'_doc','_id':'x','_version':3,'_source':{'a':1}}]}}"),
                true, LABEL);

        assertThat(page.total()).isEqualTo(7);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.documents()).containsExactly(new SourceDocument("x", Json.object("{'a':1}"), OptionalLong.of(3)));
    }

    @Test
    void theEndOfASliceIsAPageWithoutHits() {
        ScrollPage page = ScrollPage.parse(Json.parse("{'_scroll_id':'abc','hits':{'total':{'value':0,'relation':'eq'},"
                + "'hits':[]}}"), false, LABEL);

        assertThat(page.documents()).isEmpty();
    }

    @Test
    void aLowerBoundTotalIsMarkedNotExact() {
        ScrollPage page = ScrollPage.parse(Json.parse("{'_scroll_id':'abc','hits':{'total':{'value':10000,'relation':'gte'}}}"),
                false, LABEL);

        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void shardFailuresAndTimeoutsAreReportedNotHidden() {
        ScrollPage page = ScrollPage.parse(Json.parse("{'_scroll_id':'abc','timed_out':true,'_shards':{'total':3,'failed':1,"
                + "'failures':[{'shard':0,'reason':{'type':'es_rejected_execution_exception','reason':'queue full'}}]},"
                + "'hits':{'total':5,'hits':[]}}"), false, LABEL);

        assertThat(page.timedOut()).isTrue();
        assertThat(page.failedShards()).isEqualTo(1);
        assertThat(EngineErrors.shardFailures(page.shardFailures())).isEqualTo("es_rejected_execution_exception: queue full");
    }

    @Test
    void aDocumentWithoutSourceFailsThePageRatherThanBeingLost() {
        assertThatThrownBy(() -> ScrollPage.parse(Json.parse("{'_scroll_id':'abc','hits':{'total':1,'hits':[{'_id':'7'}]}}"),
                false, LABEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(LABEL + ": document '7' came without its _source (the index does not store it): it cannot be copied");
    }

    @Test
    void aMissingVersionScrollIdOrTotalIsAnError() {
        assertThatThrownBy(() -> ScrollPage.parse(Json.parse("{'_scroll_id':'abc','hits':{'total':1,'hits':[{'_id':'7','_source':{}}]}}"),
                true, LABEL))
                .hasMessage(LABEL + ": document '7' came without its _version");
        assertThatThrownBy(() -> ScrollPage.parse(Json.parse("{'hits':{'total':0,'hits':[]}}"), false, LABEL))
                .hasMessageStartingWith(LABEL + ": the engine answered without a _scroll_id: ");
        assertThatThrownBy(() -> ScrollPage.parse(Json.parse("{'_scroll_id':'abc','hits':{'hits':[]}}"), false, LABEL))
                .hasMessageStartingWith(LABEL + ": the engine answered without hits.total: ");
    }
}
