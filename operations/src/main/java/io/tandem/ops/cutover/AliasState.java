package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where some aliases point at one moment: every (alias, index) binding of them, sorted. What the journal keeps as
 * "before" and "after" of a cutover, and what a rollback restores.
 *
 * @param bindings the bindings, sorted by alias then index
 */
public record AliasState(List<AliasBinding> bindings) {

    public AliasState {
        bindings = bindings.stream()
                .sorted(Comparator.comparing(AliasBinding::alias).thenComparing(AliasBinding::index)).toList();
    }

    public static AliasState empty() {
        return new AliasState(List.of());
    }

    /** The names of a read and a write alias, which may be one alias. */
    public static Set<String> names(String readAlias, String writeAlias) {
        return readAlias.equals(writeAlias) ? Set.of(readAlias) : Set.of(readAlias, writeAlias);
    }

    /** The indices {@code alias} points at. */
    public Set<String> indicesOf(String alias) {
        return bindings.stream().filter(b -> b.alias().equals(alias)).map(AliasBinding::index)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Only the bindings of these aliases. */
    public AliasState of(Set<String> aliases) {
        return new AliasState(bindings.stream().filter(b -> aliases.contains(b.alias())).toList());
    }

    /** {@code messages -> messages-v1; messages-write -> messages-v1 (write index)}, or {@code (no aliases)}. */
    @Override
    public String toString() {
        return bindings.isEmpty() ? "(no aliases)"
                : bindings.stream().map(AliasBinding::toString).collect(Collectors.joining("; "));
    }

    public ArrayNode toJson() {
        ArrayNode json = JsonMappers.PLAIN.createArrayNode();
        bindings.forEach(b -> json.add(b.toJson()));
        return json;
    }

    static AliasState fromJson(JsonNode json) {
        List<AliasBinding> bindings = new ArrayList<>();
        json.forEach(b -> bindings.add(AliasBinding.fromJson(b)));
        return new AliasState(bindings);
    }

    /**
     * From the answer to {@code GET /_alias/<names>}: {@code {"<index>":{"aliases":{"<alias>":{...}}}}}, where a
     * name that exists nowhere adds the top-level keys {@code error} and {@code status} (the answer is then a 404).
     */
    static AliasState fromGetAlias(JsonNode body) {
        List<AliasBinding> bindings = new ArrayList<>();
        body.properties().forEach(index -> {
            JsonNode aliases = index.getValue().path("aliases");
            if (aliases.isObject()) {
                aliases.properties().forEach(alias -> bindings.add(new AliasBinding(alias.getKey(), index.getKey(),
                        alias.getValue().isObject() ? (ObjectNode) alias.getValue()
                                : JsonMappers.PLAIN.createObjectNode())));
            }
        });
        return new AliasState(bindings);
    }
}
