package io.tandem.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.json.JsonMappers;
import java.util.Map;

/**
 * The defaults of common mapping parameters on Elasticsearch 7.10 and OpenSearch 2.19.
 *
 * <p>Why: {@code GET /<index>/_mapping} leaves out every parameter that has its default value, so a contract that
 * spells a default out ({@code "doc_values": true}) would otherwise differ from the index it created. Only defaults
 * that are the same on both engines are listed; an unlisted parameter present on one side only is a difference.
 */
final class MappingDefaults {


    /** Defaults whatever the field type (where the parameter applies at all). */
    private static final Map<String, JsonNode> ANY_TYPE = Map.ofEntries(
            Map.entry("index", json("true")),
            Map.entry("store", json("false")),
            Map.entry("doc_values", json("true")),
            Map.entry("boost", json("1.0")),
            Map.entry("ignore_malformed", json("false")),
            Map.entry("coerce", json("true")),
            Map.entry("eager_global_ordinals", json("false")),
            Map.entry("similarity", json("\"BM25\"")),
            Map.entry("term_vector", json("\"no\"")),
            Map.entry("enabled", json("true")),
            Map.entry("include_in_parent", json("false")),
            Map.entry("include_in_root", json("false")));

    /** Defaults that depend on the type: {@code type -> parameter -> default}. */
    private static final Map<String, Map<String, JsonNode>> BY_TYPE = Map.of(
            "text", Map.of(
                    "norms", json("true"),
                    "index_options", json("\"positions\""),
                    "position_increment_gap", json("100"),
                    "index_phrases", json("false"),
                    "fielddata", json("false")),
            "keyword", Map.of(
                    "norms", json("false"),
                    "index_options", json("\"docs\""),
                    "ignore_above", json("2147483647"),
                    "split_queries_on_whitespace", json("false")),
            "date", Map.of("format", json("\"strict_date_optional_time||epoch_millis\"")),
            "binary", Map.of("doc_values", json("false")));

    /** Defaults of the mapping root's own parameters. */
    private static final Map<String, JsonNode> ROOT = Map.of(
            "date_detection", json("true"),
            "numeric_detection", json("false"),
            "_source", json("{\"enabled\":true}"),
            "_routing", json("{\"required\":false}"));

    private MappingDefaults() {
    }

    /**
     * The default of {@code parameter} for a field of {@code type} ({@code null} type: the mapping root), or
     * {@code null} when it is not known here.
     */
    static JsonNode of(String type, String parameter) {
        if (type == null) {
            return ROOT.get(parameter);
        }
        JsonNode specific = BY_TYPE.getOrDefault(type, Map.of()).get(parameter);
        return specific != null ? specific : ANY_TYPE.get(parameter);
    }

    private static JsonNode json(String literal) {
        try {
            return JsonMappers.PLAIN.readTree(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad default literal " + literal, e);
        }
    }
}
