package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.document.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item and request classification, on {@code _bulk} answers shaped exactly as Elasticsearch documents them
 * ({@link EsResponses}).
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
            "502, bad_gateway",
            "403, cluster_block_exception",
            "404, index_not_found_exception"
    })
    void overloadServerErrorsAndOperatorFixableErrorsAreRetried(int status, String type) {
        ItemVerdict verdict = classify(UPSERT, EsResponses.error("index", "books", "1", status, type, "try later"));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
        assertThat(verdict.reason()).isEqualTo(type + ": try later");
    }

    @Test
    void aDeleteIntoAMissingIndexIsRetriedNotTakenForNotFound() {
        ItemVerdict verdict = classify(DELETE, EsResponses.error("delete", "books", "2", 404,
                "index_not_found_exception", "no such index [books]"));

        assertThat(verdict.disposition()).isEqualTo(ItemVerdict.Disposition.RETRY);
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
    @ValueSource(ints = {429, 500, 502, 503, 504, 401, 403, 404})
    void aRequestFailingAsAWholeForTransientOrConfigurationReasonsIsRetried(int status) {
        RequestVerdict verdict = BulkResponseClassifier.classifyHttpFailure(status,
                EsResponses.requestError(status, "es_rejected_execution_exception", "rejected execution"));

        assertThat(verdict.action()).isEqualTo(RequestVerdict.Action.RETRY);
        assertThat(verdict.reason()).isEqualTo("es_rejected_execution_exception: rejected execution");
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
