package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.cluster.EngineCall;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {

    @Test
    void anExpiredScrollIsFoundWhereverTheEngineWrapsIt() {
        // as Elasticsearch 6.8 / 7.10 and OpenSearch 2 / 3 answer when every shard's context is gone (HTTP 404)
        assertThat(EngineErrors.contextMissing(Json.parse("{'root_cause':[{'type':'search_context_missing_exception',"
                + "'reason':'No search context found for id [2]'}],'type':'search_phase_execution_exception',"
                + "'reason':'all shards failed','phase':'query','grouped':true,'failed_shards':[{'shard':-1,'index':null,"
                + "'reason':{'type':'search_context_missing_exception','reason':'No search context found for id [2]'}}],"
                + "'caused_by':{'type':'search_context_missing_exception','reason':'No search context found for id [2]'}}"))).isTrue();
        assertThat(EngineErrors.contextMissing(Json.parse("{'type':'search_phase_execution_exception',"
                + "'caused_by':{'type':'x','caused_by':{'type':'search_context_missing_exception'}}}"))).isTrue();
        // some shards gone: a 200 with shard failures
        assertThat(EngineErrors.contextMissing(Json.parse("[{'shard':1,'reason':{'type':'search_context_missing_exception',"
                + "'reason':'No search context found for id [9]'}}]"))).isTrue();
    }

    @Test
    void otherErrorsAreNotAnExpiredScroll() {
        assertThat(EngineErrors.contextMissing(Json.parse("{'root_cause':[{'type':'index_not_found_exception'}],"
                + "'type':'index_not_found_exception','reason':'no such index [m]'}"))).isFalse();
        assertThat(EngineErrors.contextMissing(Json.parse("{}"))).isFalse();
        assertThat(EngineErrors.contextMissing(Json.parse("'search_context_missing_exception'"))).isFalse();
    }

    @Test
    void whatMayPassWhenTriedAgainIsDecidedByTheOneClassificationOfEngineErrors() {
        assertThat(reply(429, "{'error':{'type':'es_rejected_execution_exception','reason':'queue full'},'status':429}").mayPass()).isTrue();
        assertThat(reply(503, "{'error':{'type':'search_phase_execution_exception','reason':'all shards failed'},'status':503}").mayPass()).isTrue();
        assertThat(reply(502, "{'error':'<html>Bad Gateway</html>'}").mayPass()).isTrue();
        // as Elasticsearch 7.10 answers a search of a closed index
        assertThat(reply(400, "{'error':{'root_cause':[{'type':'index_closed_exception','reason':'closed',"
                + "'index_uuid':'9T2Ic6qbTDaCZwz3JJ56Ww','index':'closed-idx'}],'type':'index_closed_exception','reason':'closed',"
                + "'index_uuid':'9T2Ic6qbTDaCZwz3JJ56Ww','index':'closed-idx'},'status':400}").mayPass()).isTrue();

        // about the request, or needing someone to act: not tried again
        assertThat(reply(404, "{'error':{'root_cause':[{'type':'index_not_found_exception',"
                + "'reason':'no such index [missing2]'}],'type':'index_not_found_exception','reason':'no such index [missing2]'},"
                + "'status':404}").mayPass()).isFalse();
        assertThat(reply(404, "{'error':{'type':'search_phase_execution_exception','reason':'all shards failed',"
                + "'caused_by':{'type':'search_context_missing_exception','reason':'No search context found for id [2]'}},"
                + "'status':404}").mayPass()).isFalse();
        assertThat(reply(400, "{'error':'<html>Bad Request</html>'}").mayPass()).isFalse();
        assertThat(reply(401, "{'error':'Unauthorized'}").mayPass()).isFalse();
    }

    private static EngineCall.Reply reply(int status, String body) {
        return new EngineCall.Reply("POST /messages/_search", status, Json.parse(body));
    }

    @Test
    void shardFailuresAreOneLineOfDistinctReasons() {
        assertThat(EngineErrors.shardFailures(Json.parse("[{'shard':0,'reason':{'type':'a','reason':'line one\\n  line two'}},"
                + "{'shard':1,'reason':{'type':'a','reason':'line one\\n  line two'}},{'shard':2,'reason':{'type':'b','reason':'r'}}]")))
                .isEqualTo("a: line one line two; b: r");
        assertThat(EngineErrors.shardFailures(Json.parse("[]"))).isEqualTo("no reason given");
    }
}
