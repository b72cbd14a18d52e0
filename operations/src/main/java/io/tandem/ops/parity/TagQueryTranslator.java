package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.query.TagQueries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates old-schema queries for the {@code tags-to-key-value} transform. In the old index every tag key was a
 * field of its own, {@code <old path>.<key>} (a dynamic template made them keywords); in the new one the tags are
 * pairs at the new path, asked through {@link TagQueries}, the builder applications use. Rewritten, wherever they
 * are in the query tree ({@code bool} clauses, {@code filter}, {@code must_not}, {@code constant_score},
 * {@code dis_max}, {@code boosting}, {@code function_score}, {@code nested}, ...) and in {@code post_filter}:
 * <ul>
 *   <li>{@code term}, {@code match}, {@code match_phrase} on {@code <old>.<key>}: one keyword term either way, so a
 *       {@code term} on {@code keyToValue}; {@code terms} on {@code <old>.<key>}: a {@code terms} on it;</li>
 *   <li>{@code exists} on {@code <old>.<key>}: {@link TagQueries#hasKey}; on {@code <old>} or {@code <old>.*}:
 *       {@link TagQueries#hasAnyTag};</li>
 *   <li>{@code multi_match} over exactly {@code <old>.*} (a tag value under any key): a {@code term} on
 *       {@code value}.</li>
 * </ul>
 * {@code boost} and {@code _name} are kept. Everything else is copied unchanged — after a check that it does not
 * refer to a tag field: any other use of one (a {@code range}, {@code prefix} or {@code wildcard} on a tag, a sort
 * or aggregation on a tag, a tag named inside {@code query_string} text, an option such as {@code fuzziness} or
 * {@code case_insensitive}) throws {@link UntranslatableQueryException} naming it, rather than being passed on to
 * a field that no longer exists. Full-text queries over every field ({@code query_string}, {@code multi_match}
 * without fields or with {@code *}) stay as they are, with a note: they now search the pair fields instead of a field
 * per tag.
 */
public final class TagQueryTranslator implements QueryTranslator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Compound queries and the members that hold queries; their other members are checked and copied. */
    private static final Map<String, Set<String>> COMPOUND = Map.of(
            "bool", Set.of("must", "filter", "should", "must_not"),
            "constant_score", Set.of("filter"),
            "dis_max", Set.of("queries"),
            "boosting", Set.of("positive", "negative"),
            "function_score", Set.of("query"),
            "script_score", Set.of("query"),
            "nested", Set.of("query"),
            "has_child", Set.of("query"),
            "has_parent", Set.of("query"));
    /** Options of match-like queries that change nothing on a keyword field, where the text is one term. */
    private static final Set<String> NO_EFFECT_ON_ONE_TERM = Set.of("operator", "minimum_should_match",
            "zero_terms_query", "lenient", "auto_generate_synonyms_phrase_query", "slop", "tie_breaker");
    /** Members whose string values are field names or patterns. */
    private static final Set<String> FIELD_MEMBERS = Set.of("field", "fields", "default_field", "path");
    private static final Set<String> CARRIED = Set.of("boost", "_name");

    private final String oldPath;
    private final String tagPrefix;
    /** A tag field named inside a text (query_string syntax, a script), not as the end of a longer name. */
    private final Pattern tagFieldInText;
    private final TagQueries tags;

    /**
     * @param oldTagsPath where the tags object was in the old documents, e.g. {@code actions.tags} (the transform's
     *                    {@code source})
     * @param newTags     the queries of the new schema (the transform's {@code target} and {@code separator})
     */
    public TagQueryTranslator(String oldTagsPath, TagQueries newTags) {
        this.oldPath = Objects.requireNonNull(oldTagsPath, "oldTagsPath");
        this.tagPrefix = oldTagsPath + ".";
        this.tagFieldInText = Pattern.compile("(?<![\\w.])" + Pattern.quote(tagPrefix));
        this.tags = Objects.requireNonNull(newTags, "newTags");
    }

    @Override
    public Translation translate(ObjectNode body) {
        List<String> notes = new ArrayList<>();
        ObjectNode translated = JSON.objectNode();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String name = member.getKey();
            translated.set(name, name.equals("query") || name.equals("post_filter")
                    ? query(member.getValue(), name, notes)
                    : unchanged(member.getValue(), name));
        }
        return new Translation(translated, notes);
    }

    private JsonNode query(JsonNode node, String where, List<String> notes) {
        if (!node.isObject() || node.size() != 1) {
            throw new UntranslatableQueryException(where, "expected an object with one query type, got " + node);
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String type = only.getKey();
        JsonNode inner = only.getValue();
        String at = where + "." + type;
        if (COMPOUND.containsKey(type) && inner.isObject()) {
            return compound(type, (ObjectNode) inner, at, notes);
        }
        if (!inner.isObject()) {
            return unchanged(node, at);
        }
        ObjectNode spec = (ObjectNode) inner;
        return switch (type) {
            case "term" -> term(spec, node, at);
            case "terms" -> terms(spec, node, at);
            case "match", "match_phrase" -> match(spec, node, at);
            case "exists" -> exists(spec, node, at);
            case "multi_match" -> multiMatch(spec, node, at, notes);
            case "query_string", "simple_query_string" -> queryString(spec, node, at, notes);
            default -> unchanged(node, at);
        };
    }

    private JsonNode compound(String type, ObjectNode inner, String at, List<String> notes) {
        ObjectNode copy = JSON.objectNode();
        for (Map.Entry<String, JsonNode> member : inner.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            String where = at + "." + name;
            if (COMPOUND.get(type).contains(name)) {
                copy.set(name, queries(value, where, notes));
            } else if (type.equals("function_score") && name.equals("functions") && value.isArray()) {
                copy.set(name, functions(value, where, notes));
            } else {
                copy.set(name, unchanged(value, where, FIELD_MEMBERS.contains(name)));
            }
        }
        return wrap(type, copy);
    }

    /** A clause holding one query or an array of them. */
    private JsonNode queries(JsonNode value, String where, List<String> notes) {
        if (!value.isArray()) {
            return query(value, where, notes);
        }
        var array = JSON.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            array.add(query(value.get(i), where + "[" + i + "]", notes));
        }
        return array;
    }

    private JsonNode functions(JsonNode functions, String where, List<String> notes) {
        var array = JSON.arrayNode();
        for (int i = 0; i < functions.size(); i++) {
            JsonNode function = functions.get(i);
            String at = where + "[" + i + "]";
            if (!function.isObject()) {
                array.add(unchanged(function, at));
                continue;
            }
            ObjectNode copy = JSON.objectNode();
            function.properties().forEach(member -> copy.set(member.getKey(), member.getKey().equals("filter")
                    ? query(member.getValue(), at + ".filter", notes)
                    : unchanged(member.getValue(), at + "." + member.getKey(), FIELD_MEMBERS.contains(member.getKey()))));
            array.add(copy);
        }
        return array;
    }

    private JsonNode term(ObjectNode spec, JsonNode node, String at) {
        Optional<String> field = tagField(spec, Set.of());
        if (field.isEmpty()) {
            return unchanged(node, at);
        }
        JsonNode value = spec.get(field.get());
        ObjectNode translated;
        if (value.isObject()) {
            if (value.path("case_insensitive").asBoolean(false)) {
                throw new UntranslatableQueryException(at, "case_insensitive on tag field '" + field.get()
                        + "' would also ignore the case of the key in " + tags.keyToValueField());
            }
            translated = tags.byKeyAndValue(key(field.get()), text(value.get("value"), at));
            carry((ObjectNode) value, fieldSpec(translated, "term", tags.keyToValueField()), at,
                    Set.of("value", "case_insensitive"));
        } else {
            translated = tags.byKeyAndValue(key(field.get()), text(value, at));
        }
        return translated;
    }

    private JsonNode terms(ObjectNode spec, JsonNode node, String at) {
        Optional<String> field = tagField(spec, CARRIED);
        if (field.isEmpty()) {
            return unchanged(node, at);
        }
        JsonNode values = spec.get(field.get());
        if (!values.isArray()) {
            throw new UntranslatableQueryException(at, "a terms lookup on tag field '" + field.get()
                    + "' has no translation: the looked-up values would need encoding with the key");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(text(value, at)));
        ObjectNode translated = tags.byKeyAndValues(key(field.get()), texts);
        carry(spec, (ObjectNode) translated.get("terms"), at, Set.of(field.get()));
        return translated;
    }

    private JsonNode match(ObjectNode spec, JsonNode node, String at) {
        Optional<String> field = tagField(spec, Set.of());
        if (field.isEmpty()) {
            return unchanged(node, at);
        }
        JsonNode value = spec.get(field.get());
        JsonNode text = value.isObject() ? value.get("query") : value;
        ObjectNode translated = tags.byKeyAndValue(key(field.get()), nonEmptyText(text, at));
        if (value.isObject()) {
            carry((ObjectNode) value, fieldSpec(translated, "term", tags.keyToValueField()), at,
                    union(Set.of("query"), NO_EFFECT_ON_ONE_TERM));
        }
        return translated;
    }

    private JsonNode exists(ObjectNode spec, JsonNode node, String at) {
        String field = spec.path("field").asText("");
        ObjectNode translated;
        ObjectNode options;
        if (field.equals(oldPath) || field.equals(tagPrefix + "*")) {
            translated = tags.hasAnyTag();
            options = (ObjectNode) translated.get("exists");
        } else if (isTagField(field) && !field.contains("*")) {
            translated = tags.hasKey(key(field));
            options = (ObjectNode) translated.get("bool");
        } else if (mayNameTagField(field)) {
            throw new UntranslatableQueryException(at, "exists on the pattern '" + field + "', which may match tag"
                    + " fields, has no translation; name the tag key, or " + tagPrefix + "* for any tag");
        } else {
            return unchanged(node, at);
        }
        carry(spec, options, at, Set.of("field"));
        return translated;
    }

    private JsonNode multiMatch(ObjectNode spec, JsonNode node, String at, List<String> notes) {
        JsonNode fields = spec.get("fields");
        if (fields == null || isEveryField(fields)) {
            return everyField(spec, node, at, notes, "fields");
        }
        List<String> names = textList(fields);
        if (!names.equals(List.of(tagPrefix + "*"))) {
            return unchanged(node, at);
        }
        String type = spec.path("type").asText("best_fields");
        if (!Set.of("best_fields", "most_fields", "phrase").contains(type)) {
            throw new UntranslatableQueryException(at, "multi_match of type " + type + " over " + tagPrefix
                    + "* has no translation (best_fields, most_fields and phrase have)");
        }
        ObjectNode translated = tags.byValue(nonEmptyText(spec.get("query"), at));
        carry(spec, fieldSpec(translated, "term", tags.valueField()), at,
                union(Set.of("query", "fields", "type"), NO_EFFECT_ON_ONE_TERM));
        return translated;
    }

    private JsonNode queryString(ObjectNode spec, JsonNode node, String at, List<String> notes) {
        JsonNode fields = spec.get("fields");
        JsonNode defaultField = spec.get("default_field");
        boolean everyField = fields == null ? defaultField == null || defaultField.asText().equals("*")
                : isEveryField(fields);
        return everyField ? everyField(spec, node, at, notes, "fields", "default_field") : unchanged(node, at);
    }

    /** A full-text query over every field: its text and options are checked, its field list is not a tag use. */
    private JsonNode everyField(ObjectNode spec, JsonNode node, String at, List<String> notes, String... fieldMembers) {
        ObjectNode rest = spec.deepCopy();
        rest.remove(List.of(fieldMembers));
        unchanged(rest, at);
        notes.add(at + " searches every field, the tags included: left as it is; the new index has "
                + tags.valueField() + " and " + tags.keyToValueField() + " where the old one had a field per tag key");
        return node.deepCopy();
    }

    /** {@code value}, copied, once it is clear that it does not refer to a tag field. */
    private JsonNode unchanged(JsonNode value, String where) {
        return unchanged(value, where, false);
    }

    /** @param fieldNames whether {@code value} is a field name or list of them (the value of {@code path}, ...) */
    private JsonNode unchanged(JsonNode value, String where, boolean fieldNames) {
        Optional<String> mention = mention(value, fieldNames);
        if (mention.isPresent()) {
            throw new UntranslatableQueryException(where, "'" + mention.get() + "' refers to the tags in a way that"
                    + " has no translation; translated are term, terms, match and match_phrase on " + tagPrefix
                    + "<key>, exists on " + tagPrefix + "<key> and " + oldPath + ", multi_match over " + tagPrefix + "*");
        }
        return value.deepCopy();
    }

    /** The first field name, pattern or text in {@code node} that refers to the old tags, if any. */
    private Optional<String> mention(JsonNode node, boolean fieldNames) {
        if (node.isTextual()) {
            String text = node.textValue();
            // a field list may name the tags with a pattern; any text naming a tag field (query_string, script) counts
            return (fieldNames && mayNameTagField(text)) || tagFieldInText.matcher(text).find()
                    ? Optional.of(text) : Optional.empty();
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> found = mention(element, fieldNames);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (isTagField(member.getKey())) {
                    return Optional.of(member.getKey());
                }
                Optional<String> found = mention(member.getValue(), FIELD_MEMBERS.contains(member.getKey()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private boolean isTagField(String field) {
        return field.startsWith(tagPrefix) && field.length() > tagPrefix.length();
    }

    /** Whether a field name or pattern ({@code tag*}, {@code *}; a {@code ^boost} ignored) may name a tag field. */
    private boolean mayNameTagField(String name) {
        String field = name.replaceFirst("\\^[^^]*$", "");
        int star = field.indexOf('*');
        if (star < 0) {
            return field.equals(oldPath) || isTagField(field);
        }
        String literal = field.substring(0, star);
        return tagPrefix.startsWith(literal) || literal.startsWith(tagPrefix);
    }

    private String key(String tagField) {
        return tagField.substring(tagPrefix.length());
    }

    private static boolean isEveryField(JsonNode fields) {
        List<String> names = textList(fields);
        return !names.isEmpty() && names.stream().allMatch("*"::equals);
    }

    private static List<String> textList(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.textValue());
        }
        node.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /**
     * The field a leaf query is on, when it is a tag field: the one member of {@code spec} that is not one of the
     * query's {@code options}.
     */
    private Optional<String> tagField(ObjectNode spec, Set<String> options) {
        List<String> fields = new ArrayList<>();
        spec.fieldNames().forEachRemaining(name -> {
            if (!options.contains(name)) {
                fields.add(name);
            }
        });
        return fields.size() == 1 && isTagField(fields.get(0)) ? Optional.of(fields.get(0)) : Optional.empty();
    }

    /** A tag value as the transform stores it: a string as is, a number or boolean as its JSON text. */
    private static String text(JsonNode value, String at) {
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            throw new UntranslatableQueryException(at, "a tag value is a string, number or boolean, got "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String nonEmptyText(JsonNode value, String at) {
        String text = text(value, at);
        if (text.isEmpty()) {
            // the keyword analyzer makes no term of it, which zero_terms_query decides about: no term query says that
            throw new UntranslatableQueryException(at, "an empty query text on the tags has no translation");
        }
        return text;
    }

    /** Copies {@code boost} and {@code _name}; any option not {@code handled} has no translation. */
    private static void carry(ObjectNode from, ObjectNode to, String at, Set<String> handled) {
        from.properties().forEach(member -> {
            if (CARRIED.contains(member.getKey())) {
                to.set(member.getKey(), member.getValue().deepCopy());
            } else if (!handled.contains(member.getKey())) {
                throw new UntranslatableQueryException(at, "option '" + member.getKey()
                        + "' on a tag field has no translation");
            }
        });
    }

    private static ObjectNode fieldSpec(ObjectNode query, String type, String field) {
        return (ObjectNode) query.get(type).get(field);
    }

    private static ObjectNode wrap(String type, JsonNode inner) {
        ObjectNode query = JSON.objectNode();
        query.set(type, inner);
        return query;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
