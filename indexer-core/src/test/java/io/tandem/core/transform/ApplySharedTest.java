package io.tandem.core.transform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.json.PartialTree;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DocumentTransform#applyShared} gives what {@link DocumentTransform#apply} gives, byte for byte once
 * serialized, fails where it fails with the same message, and leaves the source as it was, while copying only what
 * the transform changes; and so it does on a source read with only the transform's {@link DocumentTransform#paths}
 * parsed ({@link PartialTree}), as the backfill and the consumer read it.
 */
class ApplySharedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every path shape the transform handles: same path, moved, nested, created, inside the source. */
    private static final List<Map<String, String>> CONFIGURATIONS = List.of(
            Map.of("source", "tags"),
            Map.of("source", "tags", "target", "pairs"),
            Map.of("source", "actions.tags"),
            Map.of("source", "actions.tags", "target", "meta.tags"),
            Map.of("source", "actions.tags", "target", "actions.pairs"),
            Map.of("source", "tags", "target", "tags.pairs"),
            Map.of("source", "tags", "target", "a.b.c", "separator", "="));

    /** Documents for the edge cases: missing, null, empty, nested, failing ones. */
    private static final List<String> DOCUMENTS = List.of(
            "{'id': 1}",
            "{'id': 1, 'tags': null}",
            "{'id': 1, 'tags': {}}",
            "{'tags': {'env': 'prod', 'n': 1.10, 'big': 12345678901234567890, 'on': true, 'none': null}, 'after': 'x'}",
            "{'tags': {'k': {'sub': 'x', 'deeper': {'leaf': ['y', 2]}}}}",
            "{'tags': {'team': ['a', ['b']]}}",
            "{'tags': 'not an object'}",
            "{'tags': {'a:b': 'c=d'}, 'pairs': 'taken', 'meta': {'tags': 'taken'}, 'a': {'b': {'c': null}}}",
            "{'actions': {'tags': {'env': 'prod'}, 'other': [1, {'x': 2}]}, 'meta': {'keep': 1}}",
            "{'actions': null, 'meta': 'x', 'tags': {'env': 'prod'}}",
            "{'actions': {'tags': {'env': 'prod'}, 'pairs': null}, 'meta': null}",
            "{'actions': 7, 'tags': {'env': 'prod'}, 'a': {'b': 'x'}}",
            "{'a': {'b': {'c': [1]}}, 'tags': {'env': 'prod'}}");

    @Test
    void sharedResultEqualsCopiedResultForEveryPathShapeAndEdgeCase() throws Exception {
        for (Map<String, String> options : CONFIGURATIONS) {
            DocumentTransform transform = Transforms.load("tags-to-key-value", options);
            for (String document : DOCUMENTS) {
                assertSameAsApply(transform, object(document), options + " " + document);
            }
        }
    }

    @Test
    void sharedResultEqualsCopiedResultOnRandomDocuments() throws Exception {
        Random random = new Random(42);
        for (Map<String, String> options : CONFIGURATIONS) {
            DocumentTransform transform = Transforms.load("tags-to-key-value", options);
            int transformed = 0;
            for (int i = 0; i < 300; i++) {
                transformed += assertSameAsApply(transform, randomDocument(random), options + " random #" + i) ? 1 : 0;
            }
            // both outcomes were compared, not only failures
            assertThat(transformed).as(options.toString()).isBetween(30, 295);
        }
    }

    @Test
    void fieldsTheTransformDoesNotTouchAreSharedNotCopied() {
        DocumentTransform transform = Transforms.load("tags-to-key-value", Map.of("source", "actions.tags", "target", "meta.tags"));
        ObjectNode source = object("{'message': {'text': 'x'}, 'actions': {'tags': {'env': 'prod'}, 'other': [1]}, 'meta': {'keep': {}}}");

        ObjectNode result = transform.applyShared("1", source);

        assertThat(result.get("message")).isSameAs(source.get("message"));
        assertThat(result.get("actions").get("other")).isSameAs(source.get("actions").get("other"));
        assertThat(result.get("meta").get("keep")).isSameAs(source.get("meta").get("keep"));
        // the objects on the two paths are the result's own
        assertThat(result).isNotSameAs(source);
        assertThat(result.get("actions")).isNotSameAs(source.get("actions"));
        assertThat(result.get("meta")).isNotSameAs(source.get("meta"));
    }

    @Test
    void eachTransformNamesThePathsItReadsAndAnUnknownTransformGetsEveryField() {
        assertThat(Transforms.load("identity", Map.of()).paths()).contains(Set.of());
        assertThat(Transforms.load("tags-to-key-value", Map.of("source", "tags")).paths())
                .contains(Set.of(DotPath.parse("tags")));
        assertThat(Transforms.load("tags-to-key-value", Map.of("source", "actions.tags", "target", "meta.tags")).paths())
                .contains(Set.of(DotPath.parse("actions.tags"), DotPath.parse("meta.tags")));
        DocumentTransform custom = (id, source) -> source.deepCopy();
        assertThat(custom.paths()).isEmpty();
    }

    @Test
    void identityTransformSharesTheWholeDocument() {
        ObjectNode source = object("{'id': 1, 'tags': {'env': 'prod'}}");

        assertThat(Transforms.load("identity", Map.of()).applyShared("1", source)).isSameAs(source);
    }

    @Test
    void aTransformWithoutItsOwnSharedFormCopiesAsApplyDoes() {
        DocumentTransform copying = (id, source) -> source.deepCopy().put("id", id);
        ObjectNode source = object("{'tags': {'env': 'prod'}}");

        ObjectNode result = copying.applyShared("7", source);

        assertThat(result).isEqualTo(object("{'tags': {'env': 'prod'}, 'id': '7'}"));
        assertThat(result.get("tags")).isNotSameAs(source.get("tags"));
        assertThat(source).isEqualTo(object("{'tags': {'env': 'prod'}}"));
    }

    /**
     * Same bytes (so same fields in the same order, same numbers) or same failure; the source unchanged.
     *
     * @return whether the document was transformed rather than failed
     */
    private static boolean assertSameAsApply(DocumentTransform transform, ObjectNode document, String description) throws Exception {
        ObjectNode before = document.deepCopy();
        String beforeBytes = JSON.writeValueAsString(document);
        Outcome copied = Outcome.of(() -> transform.apply("id-1", document.deepCopy()));
        Outcome shared = Outcome.of(() -> transform.applyShared("id-1", document));
        // read as a copy reads it: only the transform's paths parsed, every other field kept as it came
        ObjectNode partial = partiallyRead(transform, beforeBytes);
        Outcome partiallyRead = Outcome.of(() -> transform.applyShared("id-1", partial));
        if (copied.failure() != null) {
            for (Outcome other : List.of(shared, partiallyRead)) {
                assertThat(other.failure()).as(description).isNotNull().isInstanceOf(copied.failure().getClass())
                        .hasMessage(copied.failure().getMessage());
            }
        } else {
            assertThat(shared.failure()).as(description).isNull();
            assertThat(JSON.writeValueAsString(shared.result())).as(description)
                    .isEqualTo(JSON.writeValueAsString(copied.result()));
            assertThat(shared.result()).as(description).isEqualTo(copied.result());
            assertThat(partiallyRead.failure()).as(description + ", partially read").isNull();
            assertThat(JSON.writeValueAsString(partiallyRead.result())).as(description + ", partially read")
                    .isEqualTo(JSON.writeValueAsString(copied.result()));
        }
        assertThat(document).as(description + ": source unchanged").isEqualTo(before);
        assertThat(JSON.writeValueAsString(document)).as(description + ": source unchanged").isEqualTo(beforeBytes);
        return copied.failure() == null;
    }

    /** What a transform gave, or how it failed. */
    private record Outcome(ObjectNode result, RuntimeException failure) {

        static Outcome of(java.util.function.Supplier<ObjectNode> transform) {
            try {
                return new Outcome(transform.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e);
            }
        }
    }

    private static ObjectNode partiallyRead(DocumentTransform transform, String json) throws Exception {
        byte[] input = json.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JsonMappers.SOURCE.createParser(input)) {
            return (ObjectNode) PartialTree.parsing(JsonMappers.SOURCE, transform.paths()).read(parser, input);
        }
    }

    /** A document with the fields the configurations name, each present, absent, null, scalar or object at random. */
    private static ObjectNode randomDocument(Random random) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        List<String> fields = new ArrayList<>(List.of("id", "tags", "actions", "meta", "pairs", "a", "message"));
        java.util.Collections.shuffle(fields, random);
        for (String field : fields) {
            JsonNode value = switch (field) {
                case "tags" -> randomTags(random);
                case "actions" -> random.nextInt(4) == 0 ? randomValue(random, 0) : container(random, "tags", "pairs", "other");
                case "meta" -> random.nextInt(4) == 0 ? randomValue(random, 0) : container(random, "tags", "keep");
                case "a" -> random.nextInt(3) == 0 ? randomValue(random, 0)
                        : JsonNodeFactory.instance.objectNode().set("b", random.nextBoolean() ? randomValue(random, 1)
                                : container(random, "c"));
                default -> randomValue(random, 1);
            };
            if (value != null) {
                document.set(field, value);
            }
        }
        return document;
    }

    private static ObjectNode container(Random random, String... fields) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            JsonNode value = field.equals("tags") ? randomTags(random) : randomValue(random, 1);
            if (value != null) {
                object.set(field, value);
            }
        }
        return object;
    }

    /** Mostly a tags object, sometimes absent (null here), a null node or something that fails. */
    private static JsonNode randomTags(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (kind == 2) {
            return randomValue(random, 2);
        }
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        for (int i = random.nextInt(6); i > 0; i--) {
            String key = "k" + random.nextInt(5) + (random.nextInt(8) == 0 ? ":x" : "");
            JsonNode value = random.nextInt(8) == 0
                    ? JsonNodeFactory.instance.objectNode().put("sub", "v" + random.nextInt(3))
                    : randomValue(random, 2);
            tags.set(key, value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return tags;
    }

    /** A scalar, array or small object; null (absent) sometimes. */
    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> null;
            case 1 -> nodes.nullNode();
            case 2 -> nodes.textNode("t" + random.nextInt(100) + (random.nextBoolean() ? "=:\\" : ""));
            case 3 -> nodes.numberNode(random.nextInt(1000));
            case 4 -> nodes.numberNode(new BigDecimal(random.nextInt(1000) + ".10"));
            case 5 -> nodes.booleanNode(random.nextBoolean());
            case 6 -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    JsonNode element = randomValue(random, depth + 1);
                    array.add(element == null ? nodes.nullNode() : element);
                }
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                JsonNode inner = randomValue(random, depth + 1);
                object.set("x", inner == null ? nodes.nullNode() : inner);
                yield object;
            }
        };
    }
}
