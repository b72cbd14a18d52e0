package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.json.JsonMappers;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HitsComparisonTest {

    @Test
    void totalIsANumberOnElasticsearch6AndAnObjectLater() throws JsonProcessingException {
        Hits six = Hits.from(answer("{\"hits\":{\"total\":12,\"hits\":[{\"_id\":\"a\"},{\"_id\":\"b\"}]}}"));
        Hits seven = Hits.from(answer("{\"hits\":{\"total\":{\"value\":12,\"relation\":\"eq\"},\"hits\":[{\"_id\":\"a\"},{\"_id\":\"b\"}]}}"));
        assertThat(six).isEqualTo(seven);
        assertThat(six.total()).contains(new Hits.Total(12, "eq"));
        assertThat(six.ids()).containsExactly("a", "b");
    }

    @Test
    void untrackedTotalIsAbsent() throws JsonProcessingException {
        // Elasticsearch 7+ leaves it out; Elasticsearch 6 says -1
        assertThat(Hits.from(answer("{\"hits\":{\"hits\":[]}}")).total()).isEmpty();
        assertThat(Hits.from(answer("{\"hits\":{\"total\":-1,\"hits\":[]}}")).total()).isEmpty();
    }

    @Test
    void sameAnswersHaveNoDifferences() {
        Hits hits = hits(3, "a", "b", "c");
        assertThat(HitsComparison.differences(ResultOrder.ORDERED, hits, hits(3, "a", "b", "c"))).isEmpty();
        assertThat(HitsComparison.differences(ResultOrder.UNORDERED, hits, hits(3, "c", "a", "b"))).isEmpty();
    }

    @Test
    void orderedAnswersInAnotherOrderDifferAtTheFirstPosition() {
        assertThat(HitsComparison.differences(ResultOrder.ORDERED, hits(3, "a", "b", "c"), hits(3, "a", "c", "b")))
                .containsExactly("same ids in another order: first difference at position 2 of 3: old b, new c");
    }

    @Test
    void differentTotalsAndIdsAreEachReported() {
        assertThat(HitsComparison.differences(ResultOrder.UNORDERED, hits(5, "a", "b", "c"), hits(4, "a", "d")))
                .containsExactly("total hits: old 5, new 4", "ids only in the old answer (2): b, c",
                        "ids only in the new answer (1): d");
    }

    @Test
    void aLowerBoundTotalIsSaidToBeOne() {
        Hits capped = new Hits(Optional.of(new Hits.Total(10_000, "gte")), List.of());
        assertThat(HitsComparison.differences(ResultOrder.UNORDERED, capped, new Hits(Optional.empty(), List.of())))
                .containsExactly("total hits: old at least 10000, new not tracked");
    }

    @Test
    void longIdListsAreCutAfterTenWithTheirCount() {
        String[] many = IntStream.range(0, 25).mapToObj(i -> "id" + i).toArray(String[]::new);
        assertThat(HitsComparison.differences(ResultOrder.UNORDERED, hits(25, many), hits(25)))
                .contains("ids only in the old answer (25): id0, id1, id2, id3, id4, id5, id6, id7, id8, id9, ...");
    }

    @Test
    void aDuplicateIdIsADifferentNumberOfHits() {
        // an alias over two indices can return one id twice
        assertThat(HitsComparison.differences(ResultOrder.UNORDERED, hits(2, "a", "a"), hits(2, "a")))
                .containsExactly("hits returned: old 2, new 1");
    }

    @Test
    void answersThatDifferEachTimeInOtherDocumentsHaveNoPersistingDifference() {
        // live writes: a create on one side first, then a delete on the other, totals off by one then the other way
        List<HitsComparison.Round> rounds = List.of(
                new HitsComparison.Round(hits(10, "a", "b"), hits(11, "a", "b", "new-1")),
                new HitsComparison.Round(hits(11, "a", "b", "new-1"), hits(10, "a", "new-1")),
                new HitsComparison.Round(hits(12, "a", "b", "new-1", "new-2"), hits(12, "a", "new-2", "b", "new-1")));
        assertThat(HitsComparison.persisting(ResultOrder.UNORDERED, rounds)).isEmpty();
    }

    @Test
    void anIdMissingOnOneSideInEveryAnswerPersistsEvenWhenTheTotalsMove() {
        List<HitsComparison.Round> rounds = List.of(
                new HitsComparison.Round(hits(10, "a", "b", "c"), hits(9, "a", "b")),
                new HitsComparison.Round(hits(12, "a", "c", "d"), hits(12, "a", "d", "e")),
                new HitsComparison.Round(hits(12, "a", "c"), hits(11, "a")));
        assertThat(HitsComparison.persisting(ResultOrder.UNORDERED, rounds))
                .containsExactly("ids only in the old answer, each of 3 times (1): c");
    }

    @Test
    void theSameDifferenceOfTotalsInEveryAnswerPersists() {
        // the returned page agrees, but the new query matches two more documents beyond it, every time
        List<HitsComparison.Round> rounds = List.of(
                new HitsComparison.Round(hits(100, "a", "b"), hits(102, "a", "b")),
                new HitsComparison.Round(hits(104, "x", "a"), hits(106, "x", "a")));
        assertThat(HitsComparison.persisting(ResultOrder.ORDERED, rounds))
                .containsExactly("total hits: old 104, new 106, a difference of 2 in each of 2 answers");
    }

    @Test
    void theSameOrderDifferenceInEveryAnswerPersists() {
        List<HitsComparison.Round> rounds = List.of(
                new HitsComparison.Round(hits(3, "a", "b", "c"), hits(3, "a", "c", "b")),
                new HitsComparison.Round(hits(3, "a", "b", "c"), hits(3, "a", "c", "b")));
        assertThat(HitsComparison.persisting(ResultOrder.ORDERED, rounds)).containsExactly(
                "same ids in another order: first difference at position 2 of 3: old b, new c, each of 2 times");
    }

    private static Hits hits(long total, String... ids) {
        return new Hits(Optional.of(new Hits.Total(total, "eq")), List.of(ids));
    }

    private static JsonNode answer(String json) throws JsonProcessingException {
        return JsonMappers.PLAIN.readTree(json);
    }
}
