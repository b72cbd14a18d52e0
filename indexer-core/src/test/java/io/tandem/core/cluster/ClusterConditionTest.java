package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one classification of engine errors, on the errors the engines really answer ({@link EngineAnswers}). */
class ClusterConditionTest {

    private static JsonNode json(String text) {
        try {
            return JsonMappers.PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> itemErrors() {
        return Stream.of(
                Arguments.of("index closed (Elasticsearch)", 400, EngineAnswers.ES_INDEX_CLOSED, ClusterCondition.INDEX_CLOSED),
                Arguments.of("index closed (OpenSearch)", 400, EngineAnswers.OS_INDEX_CLOSED, ClusterCondition.INDEX_CLOSED),
                Arguments.of("index.blocks.write", 403, EngineAnswers.WRITE_BLOCK, ClusterCondition.WRITE_BLOCKED),
                Arguments.of("index.blocks.read_only", 403, EngineAnswers.READ_ONLY_BLOCK, ClusterCondition.WRITE_BLOCKED),
                Arguments.of("flood stage", 429, EngineAnswers.FLOOD_STAGE_BLOCK, ClusterCondition.FLOOD_STAGE),
                Arguments.of("flood stage (6.x)", 403, EngineAnswers.FLOOD_STAGE_BLOCK_6X, ClusterCondition.FLOOD_STAGE),
                Arguments.of("index missing (Elasticsearch)", 404, EngineAnswers.ES_INDEX_MISSING, ClusterCondition.INDEX_MISSING),
                Arguments.of("index missing (OpenSearch)", 404, EngineAnswers.OS_INDEX_MISSING, ClusterCondition.INDEX_MISSING),
                Arguments.of("alias without write index", 400, EngineAnswers.NO_WRITE_INDEX, ClusterCondition.NO_WRITE_INDEX),
                Arguments.of("invalid index name", 400, EngineAnswers.INVALID_INDEX_NAME, ClusterCondition.INVALID_INDEX_NAME),
                Arguments.of("no index privilege", 403, EngineAnswers.ES_ITEM_UNAUTHORIZED, ClusterCondition.NOT_AUTHORIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemErrors")
    void eachClusterConditionOfABulkItemIsRecognized(String what, int status, String error, ClusterCondition expected) {
        assertThat(ClusterCondition.of(status, json(error))).contains(expected);
    }

    static Stream<Arguments> requestErrors() {
        return Stream.of(
                Arguments.of("cluster.blocks.read_only", 403, EngineAnswers.CLUSTER_READ_ONLY, ClusterCondition.WRITE_BLOCKED),
                Arguments.of("cluster.blocks.read_only_allow_delete", 403, EngineAnswers.CLUSTER_READ_ONLY_ALLOW_DELETE,
                        ClusterCondition.WRITE_BLOCKED),
                Arguments.of("Elasticsearch, no credentials", 401, EngineAnswers.ES_UNAUTHENTICATED,
                        ClusterCondition.NOT_AUTHENTICATED),
                Arguments.of("Elasticsearch, no privilege", 403, EngineAnswers.ES_REQUEST_UNAUTHORIZED,
                        ClusterCondition.NOT_AUTHORIZED),
                Arguments.of("OpenSearch, no permission", 403, EngineAnswers.OS_UNAUTHORIZED, ClusterCondition.NOT_AUTHORIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestErrors")
    void eachClusterConditionOfARequestRefusedAsAWholeIsRecognized(String what, int status, String body,
                                                                   ClusterCondition expected) {
        assertThat(ClusterCondition.of(status, json(body).path("error"))).contains(expected);
    }

    @Test
    void aTextAnswerIsJudgedByItsStatus() {
        // OpenSearch's security plugin answers a 401 as text; a proxy answers a 502 as a page
        assertThat(ClusterCondition.of(401, TextNode.valueOf(EngineAnswers.OS_UNAUTHENTICATED)))
                .contains(ClusterCondition.NOT_AUTHENTICATED);
        assertThat(ClusterCondition.of(401, TextNode.valueOf(EngineAnswers.OS_SPURIOUS_UNAUTHENTICATED)))
                .contains(ClusterCondition.NOT_AUTHENTICATED);
        assertThat(ClusterCondition.of(502, TextNode.valueOf("<html>Bad Gateway</html>")))
                .contains(ClusterCondition.UNAVAILABLE);
        assertThat(ClusterCondition.of(429, MissingNode.getInstance())).contains(ClusterCondition.OVERLOADED);
        assertThat(ClusterCondition.of(403, MissingNode.getInstance())).contains(ClusterCondition.NOT_AUTHORIZED);
    }

    @Test
    void overloadAndUnavailabilityAreRecognizedByTypeWhateverTheStatus() {
        assertThat(ClusterCondition.of(429, json("{\"type\":\"es_rejected_execution_exception\",\"reason\":\"x\"}")))
                .contains(ClusterCondition.OVERLOADED);
        assertThat(ClusterCondition.of(429, json("{\"type\":\"rejected_execution_exception\",\"reason\":\"x\"}")))
                .contains(ClusterCondition.OVERLOADED);
        assertThat(ClusterCondition.of(429, json("{\"type\":\"circuit_breaking_exception\",\"reason\":\"x\"}")))
                .contains(ClusterCondition.OVERLOADED);
        assertThat(ClusterCondition.of(503, json("{\"type\":\"unavailable_shards_exception\",\"reason\":\"x\"}")))
                .contains(ClusterCondition.UNAVAILABLE);
        assertThat(ClusterCondition.of(500, json("{\"type\":\"some_new_server_exception\",\"reason\":\"x\"}")))
                .contains(ClusterCondition.UNAVAILABLE);
        assertThat(ClusterCondition.of(503, json("{\"type\":\"cluster_block_exception\","
                + "\"reason\":\"blocked by: [SERVICE_UNAVAILABLE/2/no master];\"}"))).contains(ClusterCondition.UNAVAILABLE);
    }

    @Test
    void errorsAboutTheRequestItselfAreNoClusterCondition() {
        assertThat(ClusterCondition.of(400, json(EngineAnswers.MAPPER_PARSING))).isEmpty();
        assertThat(ClusterCondition.of(400, json(EngineAnswers.STRICT_DYNAMIC_MAPPING))).isEmpty();
        assertThat(ClusterCondition.of(400, json(EngineAnswers.IMMENSE_TERM))).isEmpty();
        assertThat(ClusterCondition.of(409, json(EngineAnswers.VERSION_CONFLICT))).isEmpty();
        assertThat(ClusterCondition.of(404, MissingNode.getInstance())).as("a delete of an id the index lacks").isEmpty();
        assertThat(ClusterCondition.of(400, TextNode.valueOf("<html>Bad Request</html>"))).isEmpty();
        assertThat(ClusterCondition.of(200, MissingNode.getInstance())).isEmpty();
    }

    @Test
    void whatMayPassIsRetriedAndWhatNeedsSomeoneToActStops() {
        assertThat(Stream.of(ClusterCondition.values()).filter(ClusterCondition::retry))
                .containsExactly(ClusterCondition.OVERLOADED, ClusterCondition.UNAVAILABLE, ClusterCondition.FLOOD_STAGE,
                        ClusterCondition.WRITE_BLOCKED, ClusterCondition.INDEX_CLOSED);
        assertThat(Stream.of(ClusterCondition.values()).filter(condition -> !condition.retry()))
                .containsExactly(ClusterCondition.INDEX_MISSING, ClusterCondition.NO_WRITE_INDEX,
                        ClusterCondition.INVALID_INDEX_NAME, ClusterCondition.NOT_AUTHENTICATED,
                        ClusterCondition.NOT_AUTHORIZED);
    }

    @Test
    void aDescriptionNamesTheConditionTheIndexAndWhatToDo() {
        assertThat(ClusterCondition.INDEX_CLOSED.describe("books-v2"))
                .isEqualTo("index 'books-v2' is closed: it is tried again until the index is opened (POST /books-v2/_open)");
        assertThat(ClusterCondition.WRITE_BLOCKED.describe("books-v2")).startsWith("index 'books-v2' is blocked for writes")
                .contains("PUT /books-v2/_settings {\"index.blocks.write\": null}");
        assertThat(ClusterCondition.INDEX_MISSING.describe(null)).startsWith("the index does not exist");
        assertThat(ClusterCondition.NOT_AUTHENTICATED.describe("books-v2"))
                .isEqualTo("the cluster does not accept the credentials (HTTP 401): fix the username/password or API key "
                        + "and start again");
    }

    @Test
    void aReplyTellsItsCondition() {
        EngineCall.Reply closed = new EngineCall.Reply("POST /closed-idx/_search", 400,
                json("{\"error\":" + EngineAnswers.ES_INDEX_CLOSED + ",\"status\":400}"));
        EngineCall.Reply found = new EngineCall.Reply("GET /books/_doc/1", 200, json("{\"found\":true}"));

        assertThat(closed.condition()).contains(ClusterCondition.INDEX_CLOSED);
        assertThat(found.condition()).isEqualTo(Optional.empty());
    }

    @Test
    void aStopSaysWhatAndWhyAndCanBeReportedAgainAsANewException() {
        ClusterConditionException stop = new ClusterConditionException(ClusterCondition.INDEX_MISSING, "books-v2",
                "index_not_found_exception: no such index [books-v2]");
        ClusterConditionException again = stop.again();

        assertThat(stop).hasMessage("index 'books-v2' does not exist, and the cluster does not create it "
                + "(action.auto_create_index): create the index (or point Tandem at the right one) and start again "
                + "[index_not_found_exception: no such index [books-v2]]");
        assertThat(again).isNotSameAs(stop).hasMessage(stop.getMessage()).hasCause(stop);
        assertThat(again.condition()).isEqualTo(ClusterCondition.INDEX_MISSING);
        assertThat(again.index()).isEqualTo("books-v2");
        assertThat(again.reason()).isEqualTo(stop.reason());
    }
}
