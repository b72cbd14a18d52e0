package io.tandem.core.transform;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One transform's options, checked against the option names it knows. Every problem becomes an
 * {@link IllegalArgumentException} with a one-line message naming the transform and the option.
 */
final class TransformOptions {

    private final String transform;
    private final Map<String, String> values;

    /** @throws IllegalArgumentException naming every option in {@code options} that is not in {@code known} */
    TransformOptions(String transform, Map<String, String> options, Set<String> known) {
        this.transform = transform;
        this.values = Map.copyOf(withoutNullValues(options));
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            // A misspelt option would otherwise be ignored and its default silently used.
            throw new IllegalArgumentException(transform + ": unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(TransformOptions::quote).toList())
                    + " (known options: " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known)))
                    + ")");
        }
    }

    /** The option's value; an option given with a null value counts as absent. */
    Optional<String> optional(String option) {
        return Optional.ofNullable(values.get(option));
    }

    String required(String option) {
        return optional(option).orElseThrow(() -> invalid(option, "is required"));
    }

    /** An exception saying that {@code option} {@code problem}, e.g. {@code invalid("source", "is required")}. */
    IllegalArgumentException invalid(String option, String problem) {
        return new IllegalArgumentException(transform + ": option '" + option + "' " + problem);
    }

    /** {@code text} in single quotes, with line breaks escaped so that messages stay on one line. */
    static String quote(String text) {
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    private static Map<String, String> withoutNullValues(Map<String, String> options) {
        Map<String, String> present = new HashMap<>();
        options.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        return present;
    }
}
