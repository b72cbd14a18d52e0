package io.tandem.core.transform;

import io.tandem.localstack.TestJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.query.TagQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The applications' query builder asks for exactly what the transform writes, awkward keys and values included. */
class TagQueriesMatchTheTransformTest {

    private static final List<String> AWKWARD = List.of(
            "plain", ":", "a:b", "a\\b", "a\\:b", "\\:", "end\\", "end:", "|", "=", "ü é", "*?\"{}", "C:\\tmp");

    @ParameterizedTest
    @ValueSource(strings = {":", "|"})
    void everyPairTheTransformWritesIsWhatByKeyAndValueAsksFor(String separator) {
        DocumentTransform transform = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags", "separator", separator));
        TagQueries queries = TagQueries.at("tags", separator);
        for (String key : AWKWARD) {
            for (String value : AWKWARD) {
                ObjectNode doc = TestJson.object("{}");
                doc.putObject("actions").putObject("tags").put(key, value);
                JsonNode pair = transform.apply("1", doc).path("tags").path(0);
                assertThat(queries.byKeyAndValue(key, value).path("term").path(queries.keyToValueField()).path("value"))
                        .as("key %s value %s", key, value)
                        .isEqualTo(pair.path(TagsToKeyValueTransform.KEY_TO_VALUE_FIELD));
                assertThat(queries.byValue(value).path("term").path(queries.valueField()).path("value"))
                        .isEqualTo(pair.path(TagsToKeyValueTransform.VALUE_FIELD));
            }
        }
    }
}
