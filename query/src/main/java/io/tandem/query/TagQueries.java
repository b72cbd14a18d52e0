package io.tandem.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Objects;

/**
 * Search queries against the tags of the new schema, as query JSON for any client: the tags are a list of pairs
 * {@code [{"keyToValue": "env:prod", "value": "prod"}, ...]} at a path (usually {@code tags}), both fields
 * {@code keyword}, so one query shape serves every tag key and the mapping no longer grows with them.
 *
 * <pre>{@code
 * TagQueries tags = TagQueries.at("tags");
 * tags.byValue("prod");                 // {"term":{"tags.value":{"value":"prod"}}}
 * tags.byKeyAndValue("env", "prod");    // {"term":{"tags.keyToValue":{"value":"env:prod"}}}
 * }</pre>
 *
 * <p>The key-and-value term is {@code key + ":" + value}, the value verbatim, exactly what an application builds
 * itself, except for a key containing the separator or {@code \}: that key is escaped ({@code a\:b:c} for key
 * {@code a:b}), by {@link KeyToValue}, the rule the transform writes the field with. Numbers and booleans are tags
 * too: pass their JSON text ({@code "42"}, {@code "1.5"}, {@code "true"}), which is what the transform stores. Keys of nested tag objects are dotted ({@code "k.sub"}).
 * Every method returns a new object that the caller may change, e.g. to add a {@code boost}.
 */
public final class TagQueries {

    /** Field of a pair holding {@code escape(key) + separator + value} (see {@link KeyToValue}); keyword in the mapping. */
    public static final String KEY_TO_VALUE_FIELD = "keyToValue";
    /** Field of a pair holding the raw value; keyword in the mapping. */
    public static final String VALUE_FIELD = "value";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String path;
    private final String separator;

    private TagQueries(String path, String separator) {
        Objects.requireNonNull(path, "path");
        if (path.isBlank() || path.startsWith(".") || path.endsWith(".")) {
            throw new IllegalArgumentException("the tags path must be a field path such as 'tags', got '" + path + "'");
        }
        if (!KeyToValue.isValidSeparator(separator)) {
            throw new IllegalArgumentException("the separator must be one character other than '\\', got "
                    + (separator == null ? "null" : "'" + separator + "'"));
        }
        this.path = path;
        this.separator = separator;
    }

    /** Queries for the tags at {@code path} (e.g. {@code tags}), written with the default separator {@code :}. */
    public static TagQueries at(String path) {
        return new TagQueries(path, KeyToValue.DEFAULT_SEPARATOR);
    }

    /** Queries for the tags at {@code path}, written with {@code separator} (the transform's option of that name). */
    public static TagQueries at(String path, String separator) {
        return new TagQueries(path, separator);
    }

    /** The full name of the key-and-value field, e.g. {@code tags.keyToValue}. */
    public String keyToValueField() {
        return path + "." + KEY_TO_VALUE_FIELD;
    }

    /** The full name of the value field, e.g. {@code tags.value}. */
    public String valueField() {
        return path + "." + VALUE_FIELD;
    }

    /** What the key-and-value field holds for this tag, e.g. {@code env:prod}. */
    public String keyToValue(String key, String value) {
        return KeyToValue.encode(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"), separator);
    }

    /** Documents with a tag of this value, under any key: {@code {"term":{"tags.value":{"value":...}}}}. */
    public ObjectNode byValue(String value) {
        return term(valueField(), Objects.requireNonNull(value, "value"));
    }

    /** Documents with a tag of any of these values, under any key: a {@code terms} query on the value field. */
    public ObjectNode byValues(Collection<String> values) {
        return terms(valueField(), values.stream().map(value -> Objects.requireNonNull(value, "value")).toList());
    }

    /** Documents with this tag: {@code {"term":{"tags.keyToValue":{"value":"env:prod"}}}}. */
    public ObjectNode byKeyAndValue(String key, String value) {
        return term(keyToValueField(), keyToValue(key, value));
    }

    /** Documents with this key tagged with any of these values: a {@code terms} query on the key-and-value field. */
    public ObjectNode byKeyAndValues(String key, Collection<String> values) {
        return terms(keyToValueField(), values.stream().map(value -> keyToValue(key, value)).toList());
    }

    /**
     * Documents with a tag of this key, whatever its value, or with tags under it ({@code k.sub} for key {@code k},
     * as an {@code exists} query on the old object field matched): a {@code bool} of two {@code prefix} queries on
     * the key-and-value field. Exact, because escaping keeps prefixes apart (see {@link KeyToValue#escape}).
     */
    public ObjectNode hasKey(String key) {
        Objects.requireNonNull(key, "key");
        ObjectNode query = JSON.objectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.add(prefix(keyToValueField(), KeyToValue.escape(key, separator) + separator));
        should.add(prefix(keyToValueField(), KeyToValue.escape(key + ".", separator)));
        bool.put("minimum_should_match", 1);
        return query;
    }

    /** Documents with at least one tag: an {@code exists} query on the key-and-value field. */
    public ObjectNode hasAnyTag() {
        ObjectNode query = JSON.objectNode();
        query.putObject("exists").put("field", keyToValueField());
        return query;
    }

    @Override
    public String toString() {
        return "TagQueries(path=" + path + ", separator=" + separator + ")";
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode query = JSON.objectNode();
        query.putObject("term").putObject(field).put("value", value);
        return query;
    }

    private static ObjectNode terms(String field, Collection<String> values) {
        ObjectNode query = JSON.objectNode();
        ArrayNode array = query.putObject("terms").putArray(field);
        values.forEach(array::add);
        return query;
    }

    private static ObjectNode prefix(String field, String value) {
        ObjectNode query = JSON.objectNode();
        query.putObject("prefix").putObject(field).put("value", value);
        return query;
    }
}
