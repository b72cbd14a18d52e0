package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryFileTest {

    @TempDir
    Path dir;

    @Test
    void readsAJsonArray() throws IOException {
        List<ParityQuery> queries = QueryFile.read(write("""
                [{"name": "by-env", "order": "UNORDERED", "body": {"query": {"term": {"tags.env": "prod"}}}},
                 {"name": "latest", "body": {"sort": ["id"], "size": 5}}]"""));
        assertThat(queries).extracting(ParityQuery::name).containsExactly("by-env", "latest");
        assertThat(queries.get(0).order()).isEqualTo(ResultOrder.UNORDERED);
        assertThat(queries.get(0).body()).hasToString("{\"query\":{\"term\":{\"tags.env\":\"prod\"}}}");
        // the strict default: the application shows results in order
        assertThat(queries.get(1).order()).isEqualTo(ResultOrder.ORDERED);
    }

    @Test
    void anEntryMayGiveTheQueryAsTheApplicationWritesItForTheNewSchema() throws IOException {
        List<ParityQuery> queries = QueryFile.read(write("""
                {"name": "a", "body": {"query": {"term": {"actions.tags.url": "http://x/y"}}},
                 "newBody": {"query": {"term": {"tags.keyToValue": "url:http://x/y"}}}}
                {"name": "b", "body": {}}
                """));
        assertThat(queries.get(0).asWrittenForNew()).hasValueSatisfying(body -> assertThat(body)
                .hasToString("{\"query\":{\"term\":{\"tags.keyToValue\":\"url:http://x/y\"}}}"));
        assertThat(queries.get(1).asWrittenForNew()).isEmpty();
    }

    @Test
    void readsOneEntryPerLine() throws IOException {
        List<ParityQuery> queries = QueryFile.read(write("""
                {"name": "a", "order": "ordered", "body": {}}
                {"name": "b", "order": "UNORDERED", "body": {"size": 0}}
                """));
        assertThat(queries).extracting(ParityQuery::name, ParityQuery::order)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", ResultOrder.ORDERED),
                        org.assertj.core.groups.Tuple.tuple("b", ResultOrder.UNORDERED));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|: holds no queries",
            "[]|: holds no queries",
            "[1]|: entry 1: expected an object {name, body, order, newBody}",
            "{\"body\": {}}|: entry 1: 'name' must be a non-blank string",
            "{\"name\": \"a\"}|: entry 1 (a): 'body' must be a search request body object",
            "{\"name\": \"a\", \"body\": {}, \"order\": \"SORTED\"}|: entry 1 (a): 'order' must be ORDERED or UNORDERED, got \"SORTED\"",
            "{\"name\": \"a\", \"body\": {}, \"sort\": []}|: entry 1: unknown member 'sort' (known: body, name, newBody, order)",
            "{\"name\": \"a\", \"body\": {}, \"newBody\": []}|: entry 1 (a): 'newBody' must be a search request body object",
            "{\"name\": \"a\", \"body\": {}} {\"name\": \"a\", \"body\": {}}|: entry 2: name 'a' is used twice",
            "{\"name\": \"a\", \"body\": {|: not JSON: ",
    })
    void aBadFileIsOneMessageNamingTheFileAndEntry(String content, String message) throws IOException {
        Path file = write(content);
        assertThatIllegalArgumentException().isThrownBy(() -> QueryFile.read(file))
                .withMessageStartingWith(file + message.stripTrailing());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("absent.json");
        assertThatIllegalArgumentException().isThrownBy(() -> QueryFile.read(missing))
                .withMessage(missing + ": no such file");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("queries.json"), content);
    }
}
