package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.cluster.ClusterCondition;
import io.tandem.core.cluster.EngineAnswers;
import io.tandem.core.document.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item and request classification, on {@code _bulk} answers shaped exactly as Elasticsearch documents them
 * ({@link EsResponses}), with the errors exactly as Elasticsearch 7.10 and OpenSearch 2.19 answer them
 * ({@link EngineAnswers}).
 */
class BulkResponseClassifierTest {

    private static final Operation UPSERT = Operation.UPSERT;
    private static final Operation DELETE = Operation.DELETE;

    private static ItemVerdict classify(Operation write, String item) {
        return BulkResponseClassifier.classifyItems(List.of(write), Docs.tree(EsResponses.bulk(List.of(item)))).get(0);
    }

    @Test
    void createdUpdatedAndDeletedItemsAreApplied() {
        List<ItemVerdict> verdicts = BulkResponseClassifier.classifyItems(List.of(UPSERT, UPSERT, DELETE),
                Docs.tree(EsResponses.bulk(List.of(EsResponses.created("books", "1", 3),
                        EsResponses.updated("books", "1", 3), EsResponses.deleted("books", "2", 5)))));

        assertThat(verdicts).extracting(ItemVerdict::disposition).containsOnly(ItemVerdict.Disposition.APPLIED);
        assertThat(verdicts).extracting(ItemVerdict::reason).containsOnlyNulls();
    }

    @Test
    void aDeleteAnswered404NotFoundIsAppliedBecauseItsVersionIsStillRecorded() {
        ItemVerdict verdict = classify(DELETE, EsResponses.deleteNotFound("books", "2", 5));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.APPLIED);
    }

    @Test
    void aVersionConflictIsStaleWithTheEnginesExplanation() {
        ItemVerdict verdict = classify(UPSERT, EsResponses.versionConflict("index", "books", "1", 5, 3));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.STALE);
        assertThat(verdict.outcome()).isEqualTo(WriteOutcome.STALE);
        assertThat(verdict.reason()).isEqualTo("version_conflict_engine_exception: [1]: version conflict, "
                + "current version [5] is higher or equal to the one provided [3]");
    }

    @Test
    void aStaleDeleteIsStaleToo() {
        ItemVerdict verdict = classify(DELETE, EsResponses.versionConflict("delete", "books", "2", 7, 5));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.STALE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "429, es_rejected_execution_exception",
            "429, rejected_execution_exception",
            "429, circuit_breaking_exception",
            "503, unavailable_shards_exception",
            "500, some_new_server_exception",
            "502, bad_gateway"
    })
    void overloadAndServerErrorsAreRetried(int status, String type) {
        ItemVerdict verdict = classify(UPSERT, EsResponses.error("index", "books", "1", status, type, "try later"));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
        assertThat(verdict.reason()).isEqualTo(type + ": try later");
    }

    static Stream<Arguments> conditionsThatMayPass() {
        return Stream.of(
                Arguments.of("index closed (Elasticsearch 7.10)", 400, EngineAnswers.ES_INDEX_CLOSED, ClusterCondition.INDEX_CLOSED),
                Arguments.of("index closed (OpenSearch 2.19)", 400, EngineAnswers.OS_INDEX_CLOSED, ClusterCondition.INDEX_CLOSED),
                Arguments.of("index.blocks.write", 403, EngineAnswers.WRITE_BLOCK, ClusterCondition.WRITE_BLOCKED),
                Arguments.of("index.blocks.read_only", 403, EngineAnswers.READ_ONLY_BLOCK, ClusterCondition.WRITE_BLOCKED),
                Arguments.of("flood stage read_only_allow_delete", 429, EngineAnswers.FLOOD_STAGE_BLOCK,
                        ClusterCondition.FLOOD_STAGE),
                Arguments.of("flood stage read_only_allow_delete (6.x)", 403, EngineAnswers.FLOOD_STAGE_BLOCK_6X,
                        ClusterCondition.FLOOD_STAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionsThatMayPass")
    void aBlockedOrClosedIndexIsRetriedNeverRejected(String what, int status, String error, ClusterCondition condition) {
        for (Operation write : List.of(UPSERT, DELETE)) {
            ItemVerdict verdict = classify(write, EsResponses.itemError(write == UPSERT ? "index" : "delete", "books",
                    "1", status, error));

            assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
            assertThat(verdict.condition()).isEqualTo(condition);
            assertThat(verdict.reason()).isEqualTo(Docs.tree(error).path("type").asText() + ": "
                    + Docs.tree(error).path("reason").asText());
        }
    }

    static Stream<Arguments> conditionsThatNeedSomeoneToAct() {
        return Stream.of(
                Arguments.of("index missing, auto-create off (Elasticsearch 7.10)", 404, EngineAnswers.ES_INDEX_MISSING,
                        ClusterCondition.INDEX_MISSING),
                Arguments.of("index missing, auto-create off (OpenSearch 2.19)", 404, EngineAnswers.OS_INDEX_MISSING,
                        ClusterCondition.INDEX_MISSING),
                Arguments.of("alias without write index", 400, EngineAnswers.NO_WRITE_INDEX, ClusterCondition.NO_WRITE_INDEX),
                Arguments.of("invalid index name", 400, EngineAnswers.INVALID_INDEX_NAME, ClusterCondition.INVALID_INDEX_NAME),
                Arguments.of("security_exception, no index privilege", 403, EngineAnswers.ES_ITEM_UNAUTHORIZED,
                        ClusterCondition.NOT_AUTHORIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionsThatNeedSomeoneToAct")
    void aMissingIndexOrAMissingPrivilegeStopsTheWriterNeverRejects(String what, int status, String error,
                                                                     ClusterCondition condition) {
        for (Operation write : List.of(UPSERT, DELETE)) {
            // a delete answered 404 is no "not_found": the error says the index, not the id, is missing
            ItemVerdict verdict = classify(write, EsResponses.itemError(write == UPSERT ? "index" : "delete", "books",
                    "1", status, error));

            assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.STOP);
            assertThat(verdict.condition()).isEqualTo(condition);
            assertThat(verdict.isFinal()).isFalse();
            assertThatThrownBy(verdict::outcome).isInstanceOf(IllegalStateException.class);
        }
    }

    static Stream<Arguments> documentFaults() {
        return Stream.of(
                Arguments.of("mapper_parsing_exception", EngineAnswers.MAPPER_PARSING),
                Arguments.of("strict_dynamic_mapping_exception", EngineAnswers.STRICT_DYNAMIC_MAPPING),
                Arguments.of("illegal_argument_exception on a field (an immense term: too large for its field)",
                        EngineAnswers.IMMENSE_TERM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentFaults")
    void aDocumentsOwnFaultAsTheEnginesAnswerItIsRejected(String what, String error) {
        ItemVerdict verdict = classify(UPSERT, EsResponses.itemError("index", "books", "1", 400, error));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.REJECTED);
        assertThat(verdict.condition()).isNull();
        assertThat(verdict.reason()).startsWith(Docs.tree(error).path("type").asText() + ": ");
    }

    @Test
    void aVersionConflictAsTheEnginesAnswerItIsStale() {
        ItemVerdict verdict = classify(UPSERT, EsResponses.itemError("index", "books", "1", 409,
                EngineAnswers.VERSION_CONFLICT));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.STALE);
        assertThat(verdict.condition()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mapper_parsing_exception", "strict_dynamic_mapping_exception",
            "document_parsing_exception", "illegal_argument_exception", "document_missing_exception"})
    void documentErrorsAreRejectedWithTypeAndReason(String type) {
        ItemVerdict verdict = classify(UPSERT, EsResponses.error("index", "books", "1", 400, type,
                "failed to parse field [year] of type [long] in document with id '1'"));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.REJECTED);
        assertThat(verdict.outcome()).isEqualTo(WriteOutcome.REJECTED);
        assertThat(verdict.reason())
                .isEqualTo(type + ": failed to parse field [year] of type [long] in document with id '1'");
    }

    @Test
    void anItemWithoutStatusIsRetriedRatherThanGuessed() {
        ItemVerdict verdict = BulkResponseClassifier.classifyItem(Operation.UPSERT, Docs.tree("{'_id':'1'}"));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
    }

    @Test
    void verdictsFollowTheOrderOfTheWrites() {
        List<ItemVerdict> verdicts = BulkResponseClassifier.classifyItems(List.of(UPSERT, DELETE, UPSERT, UPSERT),
                Docs.tree(EsResponses.bulk(List.of(
                        EsResponses.created("books", "1", 3),
                        EsResponses.deleteNotFound("books", "2", 5),
                        EsResponses.rejectedExecution("index", "books", "1"),
                        EsResponses.error("index", "books", "1", 400, "mapper_parsing_exception", "bad")))));

        assertThat(verdicts).extracting(ItemVerdict::disposition).containsExactly(ItemVerdict.Disposition.APPLIED,
                ItemVerdict.Disposition.APPLIED, ItemVerdict.Disposition.RETRY, ItemVerdict.Disposition.REJECTED);
    }

    @Test
    void aResponseWithoutOneItemPerWriteIsRefused() {
        assertThatThrownBy(() -> BulkResponseClassifier.classifyItems(List.of(UPSERT, DELETE),
                Docs.tree(EsResponses.bulk(List.of(EsResponses.created("books", "1", 3))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the _bulk response has 1 items for 2 actions");
        assertThatThrownBy(() -> BulkResponseClassifier.classifyItems(List.of(UPSERT), Docs.tree("{'ok':true}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the _bulk response has no items array");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aRequestFailingAsAWholeForReasonsThatMayPassIsRetried(int status) {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(status,
                EsResponses.requestError(status, "es_rejected_execution_exception", "rejected execution"));

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.RETRY);
        assertThat(verdict.reason()).isEqualTo("es_rejected_execution_exception: rejected execution");
    }

    @Test
    void aClusterWideBlockIsRetried() {
        for (String body : List.of(EngineAnswers.CLUSTER_READ_ONLY, EngineAnswers.CLUSTER_READ_ONLY_ALLOW_DELETE)) {
            RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(403, body);

            assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.RETRY);
            assertThat(verdict.condition()).isEqualTo(ClusterCondition.WRITE_BLOCKED);
            assertThat(verdict.reason()).startsWith("cluster_block_exception: blocked by: [FORBIDDEN/");
        }
    }

    @Test
    void credentialsOrPrivilegesTheClusterRefusesStopTheWriter() {
        assertThat(BulkResponseClassifier.classifyHttpFailure(401, EngineAnswers.ES_UNAUTHENTICATED))
                .isEqualTo(new RequestVerdict(RequestVerdict.Action.STOP, "security_exception: missing authentication "
                        + "token for REST request [/_bulk]", ClusterCondition.NOT_AUTHENTICATED));
        assertThat(BulkResponseClassifier.classifyHttpFailure(401, EngineAnswers.OS_UNAUTHENTICATED))
                .isEqualTo(new RequestVerdict(RequestVerdict.Action.STOP, "http_401: Unauthorized",
                        ClusterCondition.NOT_AUTHENTICATED));
        assertThat(BulkResponseClassifier.classifyHttpFailure(403, EngineAnswers.ES_REQUEST_UNAUTHORIZED))
                .extracting(RequestVerdict::action, RequestVerdict::condition)
                .containsExactly(RequestVerdict.Action.STOP, ClusterCondition.NOT_AUTHORIZED);
        assertThat(BulkResponseClassifier.classifyHttpFailure(403, EngineAnswers.OS_UNAUTHORIZED))
                .extracting(RequestVerdict::action, RequestVerdict::condition)
                .containsExactly(RequestVerdict.Action.STOP, ClusterCondition.NOT_AUTHORIZED);
    }

    @Test
    void aRequestRefusedByAProxyForNoKnownReasonIsRetried() {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(404, "<html>Not Found</html>");

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.RETRY);
        assertThat(verdict.condition()).isNull();
    }

    @Test
    void aRequestTooLargeIsSplit() {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(413, "");

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.SPLIT);
        assertThat(verdict.reason()).startsWith("http_413: ").contains("http.max_content_length");
    }

    @Test
    void anInvalidRequestIsSplitToFindTheWriteItIsAbout() {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(400, EsResponses.requestError(400,
                "action_request_validation_exception", "Validation Failed: 1: id is too long;"));

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.SPLIT);
        assertThat(verdict.reason())
                .isEqualTo("action_request_validation_exception: Validation Failed: 1: id is too long;");
    }

    @Test
    void aBodyThatIsNotAnEngineErrorIsQuotedOnOneLine() {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(502,
                "<html>\n<body>Bad Gateway</body>\n</html>");

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.RETRY);
        assertThat(verdict.reason()).isEqualTo("http_502: <html> <body>Bad Gateway</body> </html>");
    }

    @Test
    void connectionFailuresAndTimeoutsAreRetried() {
        assertThat(BulkResponseClassifier.classifyFailure(new ConnectException("Connection refused")))
                .isEqualTo(new RequestVerdict(RequestVerdict.Action.RETRY, "ConnectException: Connection refused"));
        assertThat(BulkResponseClassifier.classifyFailure(new SocketTimeoutException("30,000 milliseconds timeout")))
                .extracting(RequestVerdict::action).isEqualTo(RequestVerdict.Action.RETRY);
        assertThat(BulkResponseClassifier.classifyFailure(new IOException("Connection reset by peer")))
                .extracting(RequestVerdict::action).isEqualTo(RequestVerdict.Action.RETRY);
    }
}
