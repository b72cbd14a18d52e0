package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field-level differences between the document a target should hold (transform of the source document) and the
 * one it holds. Numbers are compared by value ({@code 1}, {@code 1.0} and {@code 1.00} are equal: the engines keep a
 * number's text in {@code _source}, but the transform may have produced another textual form of the same value);
 * everything else, including the order of array elements, must match exactly.
 */
public final class DocumentDiff {

    /** Equal numbers of any representation compare as 0; anything else goes by {@link JsonNode#equals}. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private DocumentDiff() {
    }

    /** Whether the two documents are equal in the sense above. */
    public static boolean same(JsonNode expected, JsonNode actual) {
        return expected.equals(NUMBERS_BY_VALUE, actual);
    }

    /**
     * A copy of {@code node} whose arrays, at every depth, have their elements sorted by their JSON text: comparing
     * two such copies ignores the order of array elements (a Painless transform of a remote reindex, for one, sees
     * a map's entries in another order than the Java transform).
     */
    public static JsonNode withSortedArrays(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), withSortedArrays(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(withSortedArrays(element)));
            elements.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        return node;
    }

    /** Every difference, in the order of {@code expected}'s fields, then the fields only {@code actual} has. */
    public static List<FieldDifference> between(JsonNode expected, JsonNode actual) {
        List<FieldDifference> differences = new ArrayList<>();
        collect("", expected, actual, differences);
        return differences;
    }

    private static void collect(String path, JsonNode expected, JsonNode actual, List<FieldDifference> out) {
        if (same(expected, actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode left = expected.get(name);
                JsonNode right = actual.get(name);
                if (left == null) {
                    out.add(new FieldDifference(child, null, right));
                } else if (right == null) {
                    out.add(new FieldDifference(child, left, null));
                } else {
                    collect(child, left, right, out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext() || right.hasNext(); i++) {
                String child = path + "[" + i + "]";
                JsonNode l = left.hasNext() ? left.next() : null;
                JsonNode r = right.hasNext() ? right.next() : null;
                if (l == null || r == null) {
                    out.add(new FieldDifference(child, l, r));
                } else {
                    collect(child, l, r, out);
                }
            }
        } else {
            out.add(new FieldDifference(path, expected, actual));
        }
    }
}
