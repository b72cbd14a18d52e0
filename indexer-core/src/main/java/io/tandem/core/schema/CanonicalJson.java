package io.tandem.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One spelling per meaning, for comparing what the engines return with what was sent: they answer numbers and
 * booleans as strings ({@code "1"}, {@code "true"}), a single value as a one-element array, and objects in their own
 * key order.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * Booleans and numbers whatever their JSON type ("true" = true, 1 = 1.0 = "1"), a one-element array as its element,
     * objects with their keys sorted; {@code null} for a missing or null value.
     */
    public static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            if (value.size() == 1) {
                return of(value.get(0));
            }
            StringJoiner items = new StringJoiner(",", "[", "]");
            value.forEach(item -> items.add(String.valueOf(of(item))));
            return items.toString();
        }
        if (value.isObject()) {
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                sorted.put(name, of(value.get(name)));
            }
            StringJoiner entries = new StringJoiner(",", "{", "}");
            sorted.forEach((name, item) -> entries.add(name + ":" + item));
            return entries.toString();
        }
        String text = value.asText();
        if (value.isNumber() || text.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return text;
    }

    /** A value as shown to a reader: scalars as their text, anything else as compact JSON; {@code null} when unset. */
    public static String shown(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
