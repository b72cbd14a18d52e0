package io.tandem.core.transform;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TagsToKeyValueTransformProviderTest {

    private final TransformProvider provider = new TagsToKeyValueTransformProvider();

    @Test
    void nameIsTagsToKeyValue() {
        assertThat(provider.name()).isEqualTo("tags-to-key-value");
    }

    @Test
    void missingSourceIsRejectedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("target", "tags")))
                .withMessage("tags-to-key-value: option 'source' is required");
    }

    @Test
    void sourceGivenAsNullCountsAsMissing() {
        Map<String, String> options = new HashMap<>();
        options.put("source", null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(options))
                .withMessage("tags-to-key-value: option 'source' is required");
    }

    @Test
    void unknownOptionsAreRejectedNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "tags", "sep", "|", "targt", "x")))
                .withMessage("tags-to-key-value: unknown options 'sep', 'targt' (known options: separator, source, target)");
    }

    @Test
    void pathWithEmptyFieldNameIsRejectedNamingTheOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "actions..tags")))
                .withMessage("tags-to-key-value: option 'source' is not a dot path: 'actions..tags' has an empty field name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "tags", "target", "")))
                .withMessageStartingWith("tags-to-key-value: option 'target' is not a dot path");
    }

    @Test
    void pathWithSurroundingWhitespaceIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "tags ")))
                .withMessage("tags-to-key-value: option 'source' is not a dot path:"
                        + " 'tags ' has a field name with leading or trailing whitespace");
    }

    @Test
    void targetThatIsAParentOfSourceIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "actions.tags", "target", "actions")))
                .withMessage("tags-to-key-value: option 'target' 'actions' must not be a parent of source 'actions.tags'");
    }

    @Test
    void separatorOtherThanOneNonBackslashCharacterIsRejected() {
        for (String separator : new String[] {"", "::", "\\"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> provider.create(Map.of("source", "tags", "separator", separator)))
                    .withMessageStartingWith("tags-to-key-value: option 'separator' must be one character");
        }
    }

    @Test
    void optionValueWithLineBreakKeepsTheMessageOnOneLine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider.create(Map.of("source", "tags", "separator", "\n\n")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("'\\n\\n'"));
    }

    @Test
    void targetDefaultsToSourceAndSeparatorToColon() {
        DocumentTransform transform = provider.create(Map.of("source", "actions.tags"));

        assertThat(transform.apply("1", object("{'actions': {'tags': {'env': 'prod'}}}")))
                .isEqualTo(object("{'actions': {'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}}"));
    }
}
