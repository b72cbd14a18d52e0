package io.tandem.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartialTreeTest {

    private static final PartialTree TAGS = PartialTree.parsing(JsonMappers.SOURCE,
            Optional.of(Set.of(DotPath.parse("actions.tags"))));

    /** A document shaped like production: every kind of value, a 40,000-character text, odd characters. */
    private static String document() {
        String text = "URL https://x.example/a?b=1#c, time 12:30:00, ns:id, \\\"quoted\\\", caf\u00e9, \uD83D\uDE80 \\u00e9 "
                .repeat(600).substring(0, 40_000);
        return "{\"id\":\"a/b #?%+ \uD83D\uDE80\",\"body\":\"" + text + "\",\"price\":1.10,\"huge\":1e400,"
                + "\"big\":18446744073709551617,\"neg\":-0.0,\"ok\":true,\"none\":null,\"empty\":{},\"list\":[],"
                + "\"nested\":{\"a\":[1,{\"b\":[null,\"x:y\"]}],\"c\":\"d\"},"
                + "\"actions\":{\"kind\":\"click\",\"at\":[1,2],\"tags\":{\"env\":\"prod\",\"url\":\"http://h:80/p\","
                + "\"ns:key\":\"ns:id\",\"n\":42}},\"version\":2147483648123}";
    }

    @Test
    void theFieldsOffThePathsAreWrittenByteForByteAsTheyCame() throws IOException {
        String json = document();

        JsonNode tree = read(TAGS, json);

        // compact input: the tree written out is the input itself, 1.10, 1e400 and -0.0 included
        assertThat(write(tree)).isEqualTo(json);
        assertThat(JsonMappers.SOURCE.readTree(write(tree))).isEqualTo(JsonMappers.SOURCE.readTree(json));
    }

    @Test
    void theFieldsOnThePathsAndTheObjectsOnTheWayAreTreesTheOthersRaw() throws IOException {
        ObjectNode tree = (ObjectNode) read(TAGS, document());

        assertThat(tree.get("actions").getNodeType()).isEqualTo(JsonNodeType.OBJECT);
        assertThat(tree.get("actions").get("tags")).isEqualTo(JsonMappers.SOURCE.readTree(
                "{\"env\":\"prod\",\"url\":\"http://h:80/p\",\"ns:key\":\"ns:id\",\"n\":42}"));
        assertThat(tree.get("actions").get("kind").getNodeType()).isEqualTo(JsonNodeType.POJO);
        assertThat(tree.get("body").getNodeType()).isEqualTo(JsonNodeType.POJO);
        assertThat(tree.get("nested").getNodeType()).isEqualTo(JsonNodeType.POJO);
        assertThat(tree.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "body", "price",
                "huge", "big", "neg", "ok", "none", "empty", "list", "nested", "actions", "version");
    }

    @Test
    void withoutPathsEveryFieldIsRawAndTheWholeReadingIsReadTree() throws IOException {
        String json = document();
        PartialTree none = PartialTree.parsing(JsonMappers.SOURCE, Optional.of(Set.of()));

        JsonNode raw = read(none, json);
        JsonNode whole = read(PartialTree.parsing(JsonMappers.SOURCE, Optional.empty()), json);

        assertThat(raw.properties()).allSatisfy(field -> assertThat(field.getValue().isPojo()).isTrue());
        assertThat(write(raw)).isEqualTo(json);
        assertThat(whole).isEqualTo(JsonMappers.SOURCE.readTree(json));
        assertThat(read(PartialTree.whole(JsonMappers.SOURCE), json)).isEqualTo(JsonMappers.SOURCE.readTree(json));
    }

    @Test
    void aPrettyPrintedDocumentIsWrittenOnOneLineWithTheSameValue() throws IOException {
        String pretty = JsonMappers.PRETTY.writeValueAsString(JsonMappers.SOURCE.readTree(document()))
                .replace("\n", "\r\n");
        assertThat(pretty).contains("\n");

        String written = write(read(TAGS, pretty));

        assertThat(written).doesNotContain("\n").doesNotContain("\r");
        assertThat(JsonMappers.SOURCE.readTree(written)).isEqualTo(JsonMappers.SOURCE.readTree(document()));
    }

    @Test
    void spacesAndCommasAroundARawValueAreNotPartOfIt() throws IOException {
        String json = "{ \"a\" : \"x\" ,\n\t\"b\" :[ 1 , 2 ] , \"c\":{ } ,\"d\":-12.50e3 }";

        ObjectNode tree = (ObjectNode) read(PartialTree.parsing(JsonMappers.SOURCE, Optional.of(Set.of())), json);

        assertThat(tree.get("a").toString()).isEqualTo("\"x\"");
        assertThat(tree.get("b").toString()).isEqualTo("[ 1 , 2 ]");
        assertThat(tree.get("c").toString()).isEqualTo("{ }");
        assertThat(tree.get("d").toString()).isEqualTo("-12.50e3");
        assertThat(write(tree)).isEqualTo("{\"a\":\"x\",\"b\":[ 1 , 2 ],\"c\":{ },\"d\":-12.50e3}");
    }

    @Test
    void aRawFieldMustStillBeWellFormedJson() {
        assertThatThrownBy(() -> read(TAGS, "{\"a\":[1,,2],\"actions\":{}}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read(TAGS, "{\"a\":\"unterminated}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read(TAGS, "{\"a\":\"bad escape \\q\"}")).isInstanceOf(JsonProcessingException.class);
        // the command mapper refuses duplicate names, also inside a field it does not parse
        assertThatThrownBy(() -> read(PartialTree.parsing(JsonMappers.COMMAND, Optional.of(Set.of())),
                JsonMappers.COMMAND, "{\"a\":{\"x\":1,\"x\":2}}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aPathWhoseValueIsNotAnObjectIsReadAsItIs() throws IOException {
        ObjectNode tree = (ObjectNode) read(TAGS, "{\"actions\":\"none\",\"other\":1}");

        assertThat(tree.get("actions").asText()).isEqualTo("none");
        assertThat(tree.get("other").isPojo()).isTrue();
    }

    @Test
    void withinAnEnvelopeTheEnvelopesFieldsAndTheDocumentsPathsAreParsed() throws IOException {
        PartialTree envelope = TAGS.within(DotPath.parse("payload.doc"),
                List.of(DotPath.parse("op"), DotPath.parse("id"), DotPath.parse("payload.doc.version")));
        String json = "{\"op\":\"upsert\",\"id\":7,\"trace\":{\"span\":\"s\"},\"payload\":{\"doc\":" + document()
                + ",\"meta\":[1]}}";

        ObjectNode tree = (ObjectNode) read(envelope, json);

        assertThat(tree.get("op").asText()).isEqualTo("upsert");
        assertThat(tree.get("id").asInt()).isEqualTo(7);
        assertThat(tree.get("trace").isPojo()).isTrue();
        JsonNode doc = tree.get("payload").get("doc");
        assertThat(doc.isObject()).isTrue();
        assertThat(doc.get("version").asLong()).isEqualTo(2147483648123L);
        assertThat(doc.get("actions").get("tags").isObject()).isTrue();
        assertThat(doc.get("body").isPojo()).isTrue();
        assertThat(write(tree)).isEqualTo(json);
        // the document's own reading is unchanged by the envelope's
        assertThat(read(TAGS, document()).get("version").isPojo()).isTrue();
    }

    private static JsonNode read(PartialTree reading, String json) throws IOException {
        return read(reading, JsonMappers.SOURCE, json);
    }

    private static JsonNode read(PartialTree reading, ObjectMapper mapper, String json) throws IOException {
        byte[] input = json.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = mapper.createParser(input)) {
            JsonNode tree = reading.read(parser, input);
            assertThat(parser.nextToken()).isNull(); // left on the value's last token
            return tree;
        }
    }

    private static String write(JsonNode tree) throws IOException {
        return new String(JsonMappers.PLAIN.writeValueAsBytes(tree), StandardCharsets.UTF_8);
    }
}
