package io.tandem.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDefinitionTest {

    @TempDir
    Path dir;

    static IndexDefinition messagesV2() {
        try (InputStream in = IndexDefinitionTest.class.getResourceAsStream("/contracts/messages-v2.json")) {
            return IndexDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "contracts/messages-v2.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loadsTheBodyOfPutIndex() throws IOException {
        Path file = Files.writeString(dir.resolve("idx.json"),
                "{\"settings\":{\"number_of_shards\":1},\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"}}}}");
        IndexDefinition definition = IndexDefinition.load(file);
        assertThat(definition.settings().path("number_of_shards").asInt()).isEqualTo(1);
        assertThat(definition.mappings().path("properties").path("id").path("type").asText()).isEqualTo("keyword");
        assertThat(definition.toCreateBody().fieldNames()).toIterable().containsExactly("settings", "mappings");
    }

    @Test
    void settingsMayBeLeftOut() {
        IndexDefinition definition = IndexDefinition.parse("{\"mappings\":{}}", "inline");
        assertThat(definition.settings().isEmpty()).isTrue();
    }

    @Test
    void aDefinitionCannotBeChangedFromOutside() {
        IndexDefinition definition = IndexDefinition.parse("{\"mappings\":{\"dynamic\":\"strict\"}}", "inline");
        definition.mappings().put("dynamic", "true");
        assertThat(definition.mappings().path("dynamic").asText()).isEqualTo("strict");
    }

    @Test
    void aMissingFileIsNamedInOneLine() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> IndexDefinition.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index definition " + missing + ": no such file");
    }

    @Test
    void invalidJsonIsNamedInOneLineWithItsPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"mappings\": {\n    \"properties\": {,}\n  }\n}");
        assertThatThrownBy(() -> IndexDefinition.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("index definition " + file + " is not valid JSON at line 3, column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBodyThatIsNotAnIndexBodyIsRejected() {
        assertThatThrownBy(() -> IndexDefinition.parse("[]", "x.json")).hasMessageContaining("x.json must be a JSON object");
        assertThatThrownBy(() -> IndexDefinition.parse("{\"settings\":{}}", "x.json"))
                .hasMessage("index definition x.json: \"mappings\" must be an object and is missing");
        assertThatThrownBy(() -> IndexDefinition.parse("{\"mappings\":{},\"aliases\":{\"a\":{}}}", "x.json"))
                .hasMessageContaining("unsupported key 'aliases'");
    }

    @Test
    void theExampleContractIsTheStrictMessagesIndex() {
        IndexDefinition definition = messagesV2();
        assertThat(definition.mappings().path("dynamic").asText()).isEqualTo("strict");
        assertThat(definition.mappings().path("properties").path("tags").path("properties").fieldNames())
                .toIterable().containsExactly("keyToValue", "value");
        String analyzer = definition.mappings().path("properties").path("message").path("analyzer").asText();
        assertThat(definition.settings().path("index").path("analysis").path("analyzer").has(analyzer)).isTrue();
    }
}
