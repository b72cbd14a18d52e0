package io.tandem.core.transform;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TransformsTest {

    @Test
    void builtInTransformsAreAvailableByName() {
        assertThat(Transforms.available()).contains("identity", "tags-to-key-value").isSorted();
        assertThat(Transforms.load("identity", Map.of())).isInstanceOf(IdentityTransform.class);
        assertThat(Transforms.load("tags-to-key-value", Map.of("source", "tags")))
                .isInstanceOf(TagsToKeyValueTransform.class);
    }

    @Test
    void customTransformRegisteredInTestServicesFileIsFound() {
        assertThat(Transforms.available()).contains("test-stamp-id");

        DocumentTransform stamp = Transforms.load("test-stamp-id", Map.of("field", "doc_id"));

        assertThat(stamp.apply("42", object("{'a': 1}"))).isEqualTo(object("{'a': 1, 'doc_id': '42'}"));
    }

    @Test
    void unknownTransformNameMessageListsAvailableNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Transforms.load("tags-to-kv", Map.of()))
                .withMessage("unknown transform 'tags-to-kv'; available: " + String.join(", ", Transforms.available()))
                .withMessageContaining("identity")
                .withMessageContaining("tags-to-key-value");
    }

    @Test
    void providerRejectingOptionsFailsTheLoad() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Transforms.load("identity", Map.of("source", "tags")))
                .withMessageContaining("'source'");
    }

    @Test
    void optionsChangedAfterLoadDoNotReachTheTransform() {
        Map<String, String> options = new HashMap<>(Map.of("field", "first"));
        DocumentTransform stamp = Transforms.load("test-stamp-id", options);
        options.put("field", "second");

        assertThat(stamp.apply("7", object("{}"))).isEqualTo(object("{'first': '7'}"));
    }
}
