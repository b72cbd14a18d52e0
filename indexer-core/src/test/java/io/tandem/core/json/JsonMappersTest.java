package io.tandem.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonMappersTest {

    private static final String DOCUMENT = "{\"price\":1.10,\"big\":123456789012345678901234567890,\"e\":1.0E+2}";

    @Test
    void documentsKeepTheirNumbersAsWrittenOnBothPaths() throws JsonProcessingException {
        assertThat(JsonMappers.SOURCE.readTree(DOCUMENT).toString()).isEqualTo(DOCUMENT);
        assertThat(JsonMappers.COMMAND.readTree(DOCUMENT).toString()).isEqualTo(DOCUMENT);
        assertThat(JsonMappers.PLAIN.readTree(DOCUMENT).get("price").toString()).isEqualTo("1.1");
    }

    @Test
    void onlyCommandsRefuseDuplicateFieldNames() throws JsonProcessingException {
        String duplicate = "{\"a\":1,\"a\":2}";
        assertThat(JsonMappers.SOURCE.readTree(duplicate).get("a").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> JsonMappers.COMMAND.readTree(duplicate)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }
}
