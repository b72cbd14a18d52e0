package io.tandem.core.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
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
            file.write("a", "write", "strict_dynamic_mapping_exception: mapping set to strict", json("{\"x\":1}"));
            file.write("b", "transform", "tags are JSON type string, expected an object", json("{}"));
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
    void theLineHoldsTheSourceAsGivenAndTheReasonEscaped() throws Exception {
        // as the reader reads the old cluster: decimals as written
        JsonMapper exact = JsonMappers.SOURCE; // decimals as the backfill reads them
        String source = "{\"price\":1.10,\"text\":\"é \\\"q\\\" \\n\",\"tags\":{\"a\":[1,null,true]},\"empty\":{}}";
        Path path = dir.resolve("bytes.ndjson");

        try (DeadLetterFile file = new DeadLetterFile(path)) {
            file.write("7", "write", "mapper_parsing_exception: \"bad\"", json(source));
            file.write("8", "write", null, json(source));
            assertThat(file.count()).isEqualTo(2);
        }

        // what Jackson writes for the same line built as a tree
        List<String> expected = new java.util.ArrayList<>();
        for (String[] letter : new String[][] {{"7", "mapper_parsing_exception: \"bad\""}, {"8", null}}) {
            ObjectNode line = exact.createObjectNode().put("id", letter[0]).put("stage", "write").put("reason", letter[1]);
            line.set("source", exact.readTree(source));
            expected.add(exact.writeValueAsString(line));
        }
        assertThat(Files.readAllLines(path)).isEqualTo(expected);
        assertThat(Files.readAllLines(path).get(0)).contains("\"price\":1.10");
    }

    @Test
    void aSourceStoredPrettyPrintedIsWrittenOnOneLineAsTheSameValue() throws Exception {
        JsonMapper exact = JsonMappers.SOURCE; // decimals as the backfill reads them
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

    private static SourceJson json(String text) {
        return SourceJson.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRunWithoutFailuresLeavesNoFile() {
        Path path = dir.resolve("none.ndjson");
        new DeadLetterFile(path).close();
        assertThat(path).doesNotExist();
    }
}
