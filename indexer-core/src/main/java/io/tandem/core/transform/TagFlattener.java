package io.tandem.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns a tags object into the {@link Tag}s the old dynamic mapping made searchable, in the object's order. The
 * rules are listed on {@link TagsToKeyValueTransform}.
 */
final class TagFlattener {

    private TagFlattener() {
    }

    /**
     * @param tags the tags object
     * @param path where {@code tags} sits in the document, for failure reasons
     * @throws TransformException for a value that has no tag form: an array or object inside an array, or a
     *                            non-JSON node (binary, POJO)
     */
    static List<Tag> flatten(ObjectNode tags, String path) {
        List<Tag> out = new ArrayList<>(tags.size());
        addFields("", tags, path, out);
        return Collections.unmodifiableList(out);
    }

    /** @param path of the tags object: a value's path, for a failure's reason, is {@code path + "." + key} */
    private static void addFields(String keyPrefix, ObjectNode object, String path, List<Tag> out) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            addValue(keyPrefix.isEmpty() ? field.getKey() : keyPrefix + field.getKey(), field.getValue(), path, out);
        }
    }

    private static void addValue(String key, JsonNode value, String path, List<Tag> out) {
        if (value.isNull()) {
            return; // the old mapping indexed nothing for null, so no query could have matched it
        }
        if (value.isObject()) {
            // the old dynamic mapping named the sub-field key.sub
            addFields(key + ".", (ObjectNode) value, path, out);
        } else if (value.isArray()) {
            // the old mapping matched a query on any one element
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element.isNull()) {
                    continue;
                }
                if (!isScalar(element)) {
                    throw new TransformException(TransformOptions.quote(path + "." + key + "[" + i + "]")
                            + " is JSON type " + TransformException.jsonType(element)
                            + " inside a tag array; only strings, numbers, booleans and nulls can be tag values");
                }
                out.add(new Tag(key, text(element)));
            }
        } else if (isScalar(value)) {
            out.add(new Tag(key, text(value)));
        } else {
            throw new TransformException(TransformOptions.quote(path + "." + key) + " is JSON type "
                    + TransformException.jsonType(value) + ", which has no tag value");
        }
    }

    private static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    /** A string as is; a number or boolean as its JSON text ({@code 42}, {@code 1.5}, {@code true}). */
    private static String text(JsonNode scalar) {
        return scalar.isTextual() ? scalar.textValue() : scalar.toString();
    }
}
