package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an answer to a search says about its hits: the total and the ids of the returned page, in order.
 *
 * @param total absent when the request asked for no total ({@code track_total_hits: false})
 * @param ids   the {@code _id}s of the returned hits, in the order returned
 */
public record Hits(Optional<Total> total, List<String> ids) {

    /**
     * A total hit count.
     *
     * @param value    the count
     * @param relation {@code eq}: exact; {@code gte}: a lower bound ({@code track_total_hits} capped it)
     */
    public record Total(long value, String relation) {

        public static final String EXACT = "eq";

        @Override
        public String toString() {
            return EXACT.equals(relation) ? Long.toString(value) : "at least " + value;
        }
    }

    public Hits {
        ids = List.copyOf(ids);
    }

    /**
     * From a search answer: {@code hits.total} is a number on Elasticsearch 6 (always exact), an object
     * {@code {value, relation}} on Elasticsearch 7+ and OpenSearch, and absent or -1 when not tracked.
     */
    public static Hits from(JsonNode answer) {
        JsonNode hits = answer.path("hits");
        JsonNode total = hits.path("total");
        Optional<Total> parsed;
        if (total.isObject()) {
            parsed = Optional.of(new Total(total.path("value").asLong(), total.path("relation").asText(Total.EXACT)));
        } else if (total.isNumber() && total.asLong() >= 0) {
            parsed = Optional.of(new Total(total.asLong(), Total.EXACT));
        } else {
            parsed = Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        hits.path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return new Hits(parsed, ids);
    }
}
