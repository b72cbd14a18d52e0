package io.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagQueriesTest {

    private final TagQueries tags = TagQueries.at("tags");

    @Test
    void byValueIsATermOnTheValueField() {
        assertThat(tags.byValue("prod")).hasToString("{\"term\":{\"tags.value\":{\"value\":\"prod\"}}}");
    }

    @Test
    void byKeyAndValueIsATermOnTheKeyToValueField() {
        assertThat(tags.byKeyAndValue("env", "prod"))
                .hasToString("{\"term\":{\"tags.keyToValue\":{\"value\":\"env:prod\"}}}");
    }

    @Test
    void separatorAndBackslashAreEscapedInTheKeyOnly() {
        assertThat(tags.keyToValue("a:b", "c")).isEqualTo("a\\:b:c");
        assertThat(tags.keyToValue("a", "b:c")).isEqualTo("a:b:c");
        assertThat(tags.keyToValue("dir\\x", "C:\\tmp")).isEqualTo("dir\\\\x:C:\\tmp");
        // in JSON the backslashes are escaped once more
        assertThat(tags.byKeyAndValue("a:b", "c"))
                .hasToString("{\"term\":{\"tags.keyToValue\":{\"value\":\"a\\\\:b:c\"}}}");
    }

    @Test
    void aPlainKeyGivesTheTermTheApplicationBuildsItself() {
        assertThat(tags.byKeyAndValue("url", "http://x/y"))
                .hasToString("{\"term\":{\"tags.keyToValue\":{\"value\":\"url:http://x/y\"}}}");
    }

    @Test
    void otherSpecialCharactersAreKeptAsTheyAre() {
        // only the separator and '\' are special to the encoding; the engine matches keywords exactly
        assertThat(tags.keyToValue("k.sub", "*?\"{} é|=")).isEqualTo("k.sub:*?\"{} é|=");
    }

    @Test
    void anotherSeparatorIsEscapedInsteadOfTheColon() {
        TagQueries piped = TagQueries.at("meta.kv", "|");
        assertThat(piped.keyToValue("a|b", "c|d")).isEqualTo("a\\|b|c|d");
        assertThat(piped.byKeyAndValue("a:b", "c|d"))
                .hasToString("{\"term\":{\"meta.kv.keyToValue\":{\"value\":\"a:b|c|d\"}}}");
    }

    @Test
    void severalValuesAreOneTermsQuery() {
        assertThat(tags.byValues(List.of("prod", "dev"))).hasToString("{\"terms\":{\"tags.value\":[\"prod\",\"dev\"]}}");
        assertThat(tags.byKeyAndValues("env", List.of("prod", "a:b")))
                .hasToString("{\"terms\":{\"tags.keyToValue\":[\"env:prod\",\"env:a:b\"]}}");
    }

    @Test
    void hasKeyMatchesTheKeyAndTheKeysNestedUnderIt() {
        assertThat(tags.hasKey("a:b")).hasToString("{\"bool\":{\"should\":["
                + "{\"prefix\":{\"tags.keyToValue\":{\"value\":\"a\\\\:b:\"}}},"
                + "{\"prefix\":{\"tags.keyToValue\":{\"value\":\"a\\\\:b.\"}}}],\"minimum_should_match\":1}}");
    }

    @Test
    void hasAnyTagIsAnExistsQuery() {
        assertThat(tags.hasAnyTag()).hasToString("{\"exists\":{\"field\":\"tags.keyToValue\"}}");
    }

    @Test
    void everyCallReturnsANewQueryTheCallerMayChange() {
        ((ObjectNode) tags.byValue("prod").get("term").get("tags.value")).put("boost", 2);
        assertThat(tags.byValue("prod")).hasToString("{\"term\":{\"tags.value\":{\"value\":\"prod\"}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "::", "\\"})
    void badSeparatorIsRefused(String separator) {
        assertThatIllegalArgumentException().isThrownBy(() -> TagQueries.at("tags", separator))
                .withMessageContaining("one character other than");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".tags", "tags."})
    void badPathIsRefused(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> TagQueries.at(path))
                .withMessageContaining("field path");
    }
}
