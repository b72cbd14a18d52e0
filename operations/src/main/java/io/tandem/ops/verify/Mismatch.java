package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One document on which the two indices disagree.
 *
 * @param id          the document id
 * @param kind        how they disagree
 * @param differences field by field, for {@link MismatchKind#DIFFERENT}; empty otherwise
 * @param note        what else is worth saying (a transform that failed), or {@code null}
 */
public record Mismatch(String id, MismatchKind kind, List<FieldDifference> differences, String note) {

    public Mismatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        differences = List.copyOf(differences);
    }

    static Mismatch missing(String id, String note) {
        return new Mismatch(id, MismatchKind.MISSING, List.of(), note);
    }

    static Mismatch extra(String id) {
        return new Mismatch(id, MismatchKind.EXTRA, List.of(), null);
    }

    /** {@code DIFFERENT 42: ~ n: 1 -> 2; - title: "x" (not in the target)}, at most {@code maxDifferences} shown. */
    public String describe(int maxDifferences) {
        StringBuilder text = new StringBuilder(kind + " " + id);
        if (note != null) {
            text.append(" (").append(note).append(')');
        }
        for (int i = 0; i < Math.min(maxDifferences, differences.size()); i++) {
            text.append(i == 0 ? ": " : "; ").append(differences.get(i));
        }
        if (differences.size() > maxDifferences) {
            text.append("; ... ").append(differences.size() - maxDifferences).append(" more");
        }
        return text.toString();
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("id", id);
        json.put("kind", kind.name());
        ArrayNode list = json.putArray("differences");
        differences.forEach(d -> list.add(d.toJson()));
        json.put("note", note);
        return json;
    }

    static Mismatch fromJson(JsonNode json) {
        List<FieldDifference> differences = new ArrayList<>();
        json.path("differences").forEach(d -> differences.add(FieldDifference.fromJson(d)));
        JsonNode note = json.path("note");
        return new Mismatch(json.path("id").asText(), MismatchKind.valueOf(json.path("kind").asText()), differences,
                note.isTextual() ? note.asText() : null);
    }
}
