package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.json.DotPath;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.json.PartialTree;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrollPageTest {

    private static final String LABEL = "slice 1 (of 4) of 'messages'";
    private static final PartialTree WHOLE = PartialTree.whole(JsonMappers.SOURCE);

    /** Reads a page as the reader does: the engine's bytes, streamed. */
    private static ScrollPage read(String singleQuoted, boolean withVersion, String label) {
        byte[] json = Json.parse(singleQuoted).toString().getBytes(StandardCharsets.UTF_8);
        return ScrollPage.read(new ScrollCalls.Answer("POST /_search/scroll", 200, json), withVersion, label);
    }

    @Test
    void aPointInTimesLaterPageNeedsNoTotalAndGoesOnAfterItsLastHitsSortValues() {
        String answer = "{'pit_id':'p2','hits':{'hits':["
                + "{'_id':'1','_source':{'a':1},'sort':[7,3000000001]},{'_id':'2','_source':{'a':2},'sort':[7,3000000002]}]},"
                + "'_shards':{'failed':0,'total':1},'timed_out':false}";
        byte[] json = Json.parse(answer).toString().getBytes(StandardCharsets.UTF_8);

        ScrollPage page = ScrollPage.read(new ScrollCalls.Answer("POST /_search", 200, json),
                ScrollPage.Kind.POINT_IN_TIME_NEXT, false, WHOLE, LABEL);

        assertThat(page).isEqualTo(ScrollPage.parse(Json.parse(answer), ScrollPage.Kind.POINT_IN_TIME_NEXT, false, LABEL));
        assertThat(page.scrollId()).isEqualTo("p2");
        assertThat(page.total()).as("not counted again").isEqualTo(-1);
        assertThat(page.after().toString()).isEqualTo("[7,3000000002]");
        assertThatThrownBy(() -> ScrollPage.read(new ScrollCalls.Answer("POST /_search", 200, json),
                ScrollPage.Kind.POINT_IN_TIME_FIRST, false, WHOLE, LABEL))
                .hasMessageStartingWith(LABEL + ": the engine answered without hits.total");
    }

    @Test
    void streamingTheAnswerGivesThePageParsingItsTreeGives() {
        String answer = "{'took':1,'hits':{'max_score':null,'hits':["
                + "{'_source':{'z':1,'a':[1.10,{'b':null}],'s':'\\u00e9\\n'},'sort':[0],'_id':'1','_version':4,'_index':'m'},"
                + "{'_index':'m','_type':'doc','_id':'2','_version':1,'_routing':'r','_source':{},'fields':{'x':[1]}}],"
                + "'total':{'relation':'eq','value':2}},'_scroll_id':'abc','_shards':{'failed':0,'total':2},'timed_out':false}";

        ScrollPage streamed = read(answer, true, LABEL);

        assertThat(streamed).isEqualTo(ScrollPage.parse(Json.parse(answer), true, LABEL));
        assertThat(streamed.documents()).extracting(SourceDocument::id).containsExactly("1", "2");
        assertThat(streamed.documents().get(0).source().toString()).isEqualTo("{\"z\":1,\"a\":[1.10,{\"b\":null}],\"s\":\"é\\n\"}");
    }

    @Test
    void aCopyParsesOnlyTheFieldsItReadsAndWritesTheOthersAsTheEngineSentThem() throws Exception {
        String first = "{\"body\":\"" + "caf\u00e9 \\\"x\\\" ".repeat(4000) + "\",\"price\":1.10,"
                + "\"actions\":{\"tags\":{\"url\":\"http://h:80/p\"},\"n\":[1]}}";
        String answer = "{\"_scroll_id\":\"s\",\"hits\":{\"total\":1,\"hits\":[{\"_id\":\"a/b #?%+ \uD83D\uDE80\","
                + "\"_source\":" + first + "}]}}";
        PartialTree tags = PartialTree.parsing(JsonMappers.SOURCE, Optional.of(Set.of(DotPath.parse("actions.tags"))));

        SourceDocument document = ScrollPage.read(new ScrollCalls.Answer("POST /_search/scroll", 200,
                answer.getBytes(StandardCharsets.UTF_8)), ScrollPage.Kind.SCROLL, false, tags, LABEL).documents().get(0);

        assertThat(document.id()).isEqualTo("a/b #?%+ \uD83D\uDE80");
        assertThat(document.source().get("body").isPojo()).as("kept raw").isTrue();
        assertThat(document.source().get("actions").get("tags").isObject()).isTrue();
        assertThat(JsonMappers.PLAIN.writeValueAsString(document.source())).isEqualTo(first);
        assertThat(document.sourceJson().orElseThrow().toString()).isEqualTo(first);
    }

    @Test
    void eachDocumentKeepsItsSourceAsTheBytesTheEngineSent() {
        // a source stored pretty-printed, with a multi-byte character before it to check that offsets count bytes
        String first = "{\n  \"price\" : 1.10,\n  \"s\" : \"\u00e9\\n\"\n}";
        String answer = "{\"_scroll_id\":\"\u00e9\",\"hits\":{\"total\":2,\"hits\":[{\"_id\":\"1\",\"_source\":" + first
                + ",\"sort\":[0]},{\"_source\" : {},\"_id\":\"2\"}]}}";

        ScrollPage page = ScrollPage.read(new ScrollCalls.Answer("POST /_search/scroll", 200,
                answer.getBytes(StandardCharsets.UTF_8)), false, LABEL);

        assertThat(page.documents()).extracting(d -> d.sourceJson().orElseThrow().toString()).containsExactly(first, "{}");
        assertThat(page.documents().get(0).sourceJson().orElseThrow().oneLine())
                .isEqualTo("{   \"price\" : 1.10,   \"s\" : \"\u00e9\\n\" }");
        assertThat(page.documents().get(0).source().toString()).isEqualTo("{\"price\":1.10,\"s\":\"\u00e9\\n\"}");
    }

    @Test
    void aHitThatCannotBeCopiedFailsThePageAfterItsOwnChecksAsParsingTheTreeDoes() {
        String badHit = "{'_scroll_id':'abc','hits':{'total':2,'hits':[{'_id':'1','_source':{}},{'_id':'7','_source':null}]}}";
        String badHitAndNoTotal = "{'_scroll_id':'abc','hits':{'hits':[{'_id':7}]}}";

        assertThatThrownBy(() -> read(badHit, false, LABEL))
                .hasMessage(LABEL + ": document '7' came without its _source (the index does not store it): it cannot be copied");
        assertThatThrownBy(() -> read("{'_scroll_id':'abc','hits':{'total':1,'hits':[{'_id':7,'_source':{}}]}}", false, LABEL))
                .hasMessage(LABEL + ": the engine answered a hit without an _id: {\"_id\":7,\"_source\":{}}");
        assertThatThrownBy(() -> read(badHitAndNoTotal, false, LABEL))
                .hasMessage(LABEL + ": the engine answered without hits.total: {\"_scroll_id\":\"abc\",\"hits\":{\"hits\":[{\"_id\":7}]}}");
    }

    @Test
    void anAnswerThatIsNotJsonIsUnreadable() {
        ScrollCalls.Answer answer = new ScrollCalls.Answer("POST /_search/scroll", 200,
                "{\"_scroll_id\":\"abc\",\"hits\":{\"total\":1,\"hits\":[{\"_id\":".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ScrollPage.read(answer, false, LABEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("POST /_search/scroll: unreadable answer: ");
    }

    @Test
    void readsAnElasticsearch7OrOpenSearchPageWithItsTotalObject() {
        ScrollPage page = read("{'_scroll_id':'abc','took':3,'timed_out':false,"
                + "'_shards':{'total':3,'successful':3,'skipped':0,'failed':0},'hits':{'total':{'value':2,'relation':'eq'},"
                + "'max_score':null,'hits':[{'_index':'messages','_type':'_doc','_id':'1','_score':null,"
                + "'_source':{'price':1.10,'p':0.123456789012345678901,'big':12345678901234567890123},'sort':[0]},"
                + "{'_index':'messages','_type':'_doc','_id':'2','_score':null,'_source':{},'sort':[1]}]}}", false, LABEL);

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
        ScrollPage page = read("{'_scroll_id':'abc','timed_out':false,'_shards':{'failed':0},"
                + "'hits':{'total':7,'hits':[{'_index':'m','_type':'_doc','_id':'x','_version':3,'_source':{'a':1}}]}}",
                true, LABEL);

        assertThat(page.total()).isEqualTo(7);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.documents()).containsExactly(new SourceDocument("x", Json.object("{'a':1}"), OptionalLong.of(3)));
    }

    @Test
    void theEndOfASliceIsAPageWithoutHits() {
        ScrollPage page = read("{'_scroll_id':'abc','hits':{'total':{'value':0,'relation':'eq'},"
                + "'hits':[]}}", false, LABEL);

        assertThat(page.documents()).isEmpty();
    }

    @Test
    void aLowerBoundTotalIsMarkedNotExact() {
        ScrollPage page = read("{'_scroll_id':'abc','hits':{'total':{'value':10000,'relation':'gte'}}}",
                false, LABEL);

        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void shardFailuresAndTimeoutsAreReportedNotHidden() {
        ScrollPage page = read("{'_scroll_id':'abc','timed_out':true,'_shards':{'total':3,'failed':1,"
                + "'failures':[{'shard':0,'reason':{'type':'es_rejected_execution_exception','reason':'queue full'}}]},"
                + "'hits':{'total':5,'hits':[]}}", false, LABEL);

        assertThat(page.timedOut()).isTrue();
        assertThat(page.failedShards()).isEqualTo(1);
        assertThat(EngineErrors.shardFailures(page.shardFailures())).isEqualTo("es_rejected_execution_exception: queue full");
    }

    @Test
    void aDocumentWithoutSourceFailsThePageRatherThanBeingLost() {
        assertThatThrownBy(() -> read("{'_scroll_id':'abc','hits':{'total':1,'hits':[{'_id':'7'}]}}",
                false, LABEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(LABEL + ": document '7' came without its _source (the index does not store it): it cannot be copied");
    }

    @Test
    void aMissingVersionScrollIdOrTotalIsAnError() {
        assertThatThrownBy(() -> read("{'_scroll_id':'abc','hits':{'total':1,'hits':[{'_id':'7','_source':{}}]}}",
                true, LABEL))
                .hasMessage(LABEL + ": document '7' came without its _version");
        assertThatThrownBy(() -> read("{'hits':{'total':0,'hits':[]}}", false, LABEL))
                .hasMessageStartingWith(LABEL + ": the engine answered without a _scroll_id: ");
        assertThatThrownBy(() -> read("{'_scroll_id':'abc','hits':{'hits':[]}}", false, LABEL))
                .hasMessageStartingWith(LABEL + ": the engine answered without hits.total: ");
    }
}
