package io.tandem.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.localstack.junit.IndexContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The demo's final proof, independent of Tandem's own verify: every document of the old index, transformed, equals
 * the document of the same id behind the new read alias, and nothing else is there.
 */
final class EndStateCheck {

    /** The outcome; the id lists hold at most a few examples. */
    record Result(long oldDocuments, long newDocuments, long missing, long extra, long different, List<String> examples) {
        boolean passed() {
            return missing == 0 && extra == 0 && different == 0 && oldDocuments == newDocuments;
        }

        String summary() {
            return passed()
                    ? "new == old, doc for doc: " + newDocuments + " documents equal transform(old)"
                    : "MISMATCH: " + missing + " missing, " + extra + " extra, " + different + " different (e.g. " + examples + ")";
        }
    }

    private EndStateCheck() {
    }

    static Result compare(String oldUrl, String oldIndex, String newUrl, String newIndex, DocumentTransform transform) {
        Map<String, ObjectNode> old = IndexContents.readAll(oldUrl, oldIndex);
        Map<String, ObjectNode> current = IndexContents.readAll(newUrl, newIndex);
        long missing = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        for (var entry : old.entrySet()) {
            ObjectNode actual = current.get(entry.getKey());
            if (actual == null) {
                missing++;
                example(examples, "missing " + entry.getKey());
            } else if (!transform.apply(entry.getKey(), entry.getValue()).equals(actual)) {
                different++;
                example(examples, "different " + entry.getKey());
            }
        }
        TreeSet<String> extra = new TreeSet<>(current.keySet());
        extra.removeAll(old.keySet());
        extra.stream().limit(3).forEach(id -> example(examples, "extra " + id));
        return new Result(old.size(), current.size(), missing, extra.size(), different, examples);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 5) {
            examples.add(text);
        }
    }
}
