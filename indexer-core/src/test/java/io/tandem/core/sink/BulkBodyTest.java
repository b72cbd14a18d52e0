package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BulkBodyTest {

    @Test
    void upsertIsAnIndexActionWithExternalVersionFollowedByTheDocumentLine() {
        WriteRequest write = WriteRequest.upsert("books", "7", 5, Docs.object("{'title':'Dune','year':1965}"));

        String ndjson = new String(BulkBody.encode(write), StandardCharsets.UTF_8);

        assertThat(ndjson).isEqualTo(
                "{\"index\":{\"_index\":\"books\",\"_id\":\"7\",\"version\":5,\"version_type\":\"external\"}}\n"
                        + "{\"title\":\"Dune\",\"year\":1965}\n");
    }

    @Test
    void deleteIsOneActionLineCarryingItsVersionAndNoDocument() {
        String ndjson = new String(BulkBody.encode(WriteRequest.delete("books", "8", 9)), StandardCharsets.UTF_8);

        assertThat(ndjson).isEqualTo(
                "{\"delete\":{\"_index\":\"books\",\"_id\":\"8\",\"version\":9,\"version_type\":\"external\"}}\n");
    }

    @Test
    void actionsNameNoMappingTypeForElasticsearch7AndOpenSearch() {
        JsonNode action = Docs.tree(new String(BulkBody.encode(WriteRequest.delete("books", "8", 9)),
                StandardCharsets.UTF_8).strip());

        assertThat(action.path("delete").fieldNames()).toIterable()
                .containsExactly("_index", "_id", "version", "version_type");
    }

    @Test
    void lineBreaksAndQuotesInIdsAndValuesAreEscapedSoEachWriteStaysTwoLines() {
        WriteRequest write = WriteRequest.upsert("books", "a\"b\nc", Long.MAX_VALUE,
                Docs.object("{'text':'line one\\nline two\\r\\u2028 \"quoted\" é'}"));

        byte[] ndjson = BulkBody.encode(write);
        String text = new String(ndjson, StandardCharsets.UTF_8);

        assertThat(text.split("\n", -1)).hasSize(3).endsWith("");
        JsonNode action = Docs.tree(text.split("\n")[0]).path("index");
        assertThat(action.path("_id").asText()).isEqualTo("a\"b\nc");
        assertThat(action.path("version").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(Docs.tree(text.split("\n")[1]).path("text").asText())
                .isEqualTo("line one\nline two\r\u2028 \"quoted\" é");
    }

    @Test
    void aRequestBodyIsTheWritesLinesInSubmissionOrder() {
        PendingWrite first = PendingWrite.of(WriteRequest.upsert("books", "1", 1, Docs.object("{'n':1}")), null, new CompletableFuture<>());
        PendingWrite second = PendingWrite.of(WriteRequest.delete("books", "2", 2), null, new CompletableFuture<>());
        PendingWrite third = PendingWrite.of(WriteRequest.upsert("films", "3", 3, Docs.object("{'n':3}")), null, new CompletableFuture<>());

        byte[] body = BulkBody.of(List.of(first, second, third));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
                new String(first.ndjson(), StandardCharsets.UTF_8)
                        + new String(second.ndjson(), StandardCharsets.UTF_8)
                        + new String(third.ndjson(), StandardCharsets.UTF_8));
        assertThat(body).hasSize(first.bytes() + second.bytes() + third.bytes());
    }

    @Test
    void linesAreByteForByteWhatSerializingTheActionAndTheDocumentSeparatelyGives() throws Exception {
        JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        List<String> documents = List.of("{}", "{\"a\":1.10,\"b\":1e5,\"c\":-0.0,\"d\":123456789012345678901234567890}",
                "{\"t\":\"\\u0000\\u001f\\u2028 é 😀 \\\"q\\\" \\\\ /\",\"n\":null,\"b\":[true,false,[],{}]}",
                "{\"nested\":{\"deep\":{\"x\":[1,{\"y\":\"z\"}]}},\"long\":9223372036854775807,\"neg\":-2147483649}");
        for (String text : documents) {
            ObjectNode document = (ObjectNode) json.readTree(text);
            for (WriteRequest write : List.of(WriteRequest.upsert("books", "id \"1\"\n", 7, document),
                    WriteRequest.delete("bücher", "é", 0))) {
                ObjectNode action = json.createObjectNode();
                action.putObject(write.operation() == Operation.UPSERT ? "index" : "delete").put("_index", write.index())
                        .put("_id", write.id()).put("version", write.version()).put("version_type", "external");
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.writeBytes(json.writeValueAsBytes(action));
                expected.write('\n');
                if (write.operation() == Operation.UPSERT) {
                    expected.writeBytes(json.writeValueAsBytes(write.document()));
                    expected.write('\n');
                }

                assertThat(BulkBody.encode(write)).as(write + " " + text).isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void theDocumentIsCapturedAtSubmissionSoLaterChangesToTheNodeDoNotLeak() {
        var document = Docs.object("{'state':'submitted'}");
        PendingWrite write = PendingWrite.of(WriteRequest.upsert("books", "1", 1, document), null, new CompletableFuture<>());

        document.put("state", "changed afterwards");

        assertThat(new String(write.ndjson(), StandardCharsets.UTF_8)).contains("submitted").doesNotContain("changed");
    }
}
