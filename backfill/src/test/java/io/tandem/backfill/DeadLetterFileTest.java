package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void aRunWithoutFailuresLeavesNoFile() {
        Path path = dir.resolve("none.ndjson");
        new DeadLetterFile(path).close();
        assertThat(path).doesNotExist();
    }
}
