package io.tandem.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyToValueTest {

    // Awkward keys and values; every pair of them must survive encode and decode.
    private static final List<String> AWKWARD = List.of(
            "", "plain", ":", "::", "\\", "\\\\", "a:b", "a\\b", "a\\:b", "\\:", ":\\", "end\\", "end:", "|", "ü é");

    @Test
    void plainPairIsKeySeparatorValue() {
        assertThat(KeyToValue.encode("env", "prod", ":")).isEqualTo("env:prod");
    }

    @Test
    void separatorAndBackslashAreEscapedInTheKeyOnly() {
        assertThat(KeyToValue.encode("a:b", "c\\d", ":")).isEqualTo("a\\:b:c\\d");
        assertThat(KeyToValue.encode("dir\\x", "C:\\tmp", ":")).isEqualTo("dir\\\\x:C:\\tmp");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "url; http://x/y?a=1#f",
            "time; 12:30:45",
            "k238; svc:30:omega",
            "id; ns:id",
            "path; C:\\tmp\\x",
            "empty; ''",
            "trailing; end:"
    })
    void aKeyWithoutSeparatorOrBackslashGivesExactlyKeyColonValue(String key, String value) {
        // what the application builds itself (background article 001): key + ":" + value, byte for byte
        assertThat(KeyToValue.encode(key, value, ":")).isEqualTo(key + ":" + value);
    }

    @Test
    void pairsThatJoinToTheSameTextEncodeDifferently() {
        assertThat(KeyToValue.encode("x:y", "z", ":")).isEqualTo("x\\:y:z");
        assertThat(KeyToValue.encode("x", "y:z", ":")).isEqualTo("x:y:z");
        assertThat(KeyToValue.decode("x\\:y:z", ":")).containsExactly("x:y", "z");
        assertThat(KeyToValue.decode("x:y:z", ":")).containsExactly("x", "y:z");
    }

    @Test
    void theFirstUnescapedSeparatorSplitsAndTheValueIsTakenVerbatim() {
        assertThat(KeyToValue.decode("a:b:c", ":")).containsExactly("a", "b:c");
        assertThat(KeyToValue.decode("a:b\\x", ":")).containsExactly("a", "b\\x");
        assertThat(KeyToValue.decode("a\\\\:b", ":")).containsExactly("a\\", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "|", "=", "\u0000"})
    void everyPairOfAwkwardStringsRoundTrips(String separator) {
        for (String key : AWKWARD) {
            for (String value : AWKWARD) {
                String encoded = KeyToValue.encode(key, value, separator);
                assertThat(KeyToValue.decode(encoded, separator))
                        .as("key %s value %s encoded %s", key, value, encoded)
                        .containsExactly(key, value);
            }
        }
    }

    @Test
    void emptyKeyAndValueRoundTrip() {
        assertThat(KeyToValue.encode("", "", ":")).isEqualTo(":");
        assertThat(KeyToValue.decode(":", ":")).containsExactly("", "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "plain; no unescaped separator",
            "a\\:b; no unescaped separator",
            "a\\; an escape at index 1",
            "a\\x:b; an escape at index 1"
    })
    void decodeRejectsTextThatEncodeCannotProduce(String encoded, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyToValue.decode(encoded, ":"))
                .withMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "::", "\\"})
    void separatorMustBeOneCharacterOtherThanBackslash(String separator) {
        assertThat(KeyToValue.isValidSeparator(separator)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyToValue.encode("k", "v", separator))
                .withMessageContaining("separator must be one character");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyToValue.decode("k:v", separator))
                .withMessageContaining("separator must be one character");
    }
}
