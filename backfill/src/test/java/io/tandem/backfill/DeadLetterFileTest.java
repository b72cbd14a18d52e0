package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.source.SourceJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachFailureIsOneJsonLineWithIdReasonAndSource() throws Exception {
        Path path = dir.resolve("dl.ndjson");
        try (DeadLetterFile file = new DeadLetterFile(path)) {
            file.write("a", "write", "strict_dynamic_mapping_exception: mapping set to strict", JSON.createObjectNode().put("x", 1));
            file.write("b", "transform", "tags are JSON type string, expected an object", JSON.createObjectNode());
            assertThat(file.count()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("id").asText()).isEqualTo("a");
        assertThat(first.path("stage").asText()).isEqualTo("write");
        assertThat(first.path("reason").asText()).startsWith("strict_dynamic_mapping_exception");
        assertThat(first.path("source").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void aSourceGivenAsItsJsonGivesTheLineItsTreeGives() throws Exception {
        // as the reader reads the old cluster: decimals as written
        JsonMapper exact = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();
        ObjectNode source = (ObjectNode) exact.readTree(
                "{\"price\":1.10,\"text\":\"é \\\"q\\\" \\n\",\"tags\":{\"a\":[1,null,true]},\"empty\":{}}");
        Path fromTree = dir.resolve("tree.ndjson");
        Path fromBytes = dir.resolve("bytes.ndjson");

        try (DeadLetterFile file = new DeadLetterFile(fromTree)) {
            file.write("7", "write", "mapper_parsing_exception: \"bad\"", source);
            file.write("8", "write", null, source);
        }
        try (DeadLetterFile file = new DeadLetterFile(fromBytes)) {
            file.write("7", "write", "mapper_parsing_exception: \"bad\"", SourceJson.of(exact.writeValueAsBytes(source)));
            file.write("8", "write", null, SourceJson.of(exact.writeValueAsBytes(source)));
            assertThat(file.count()).isEqualTo(2);
        }

        assertThat(Files.readAllLines(fromBytes)).isEqualTo(Files.readAllLines(fromTree)).hasSize(2);
        assertThat(Files.readAllLines(fromBytes).get(0)).contains("\"price\":1.10");
    }

    @Test
    void aSourceStoredPrettyPrintedIsWrittenOnOneLineAsTheSameValue() throws Exception {
        JsonMapper exact = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();
        String pretty = "{\r\n  \"price\" : 1.10,\n  \"text\" : \"a\\nb\"\n}";
        Path path = dir.resolve("pretty.ndjson");

        try (DeadLetterFile file = new DeadLetterFile(path)) {
            file.write("9", "write", "mapper_parsing_exception", SourceJson.of(pretty.getBytes(StandardCharsets.UTF_8)));
        }

        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"price\" : 1.10");
        assertThat(exact.readTree(lines.get(0)).get("source")).isEqualTo(exact.readTree(pretty));
    }

    @Test
    void aRunWithoutFailuresLeavesNoFile() {
        Path path = dir.resolve("none.ndjson");
        new DeadLetterFile(path).close();
        assertThat(path).doesNotExist();
    }
}
