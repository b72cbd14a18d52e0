package io.tandem.ops.sync;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which resources schema sync takes, by name: those matching an include pattern (all when there is none) and no
 * exclude pattern. A pattern is a name with {@code *} for any run of characters, as in the engines' own APIs.
 *
 * @param include patterns of names to take; empty takes every name
 * @param exclude patterns of names to leave out, winning over include
 */
public record NameFilter(List<String> include, List<String> exclude) {

    public NameFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String pattern : include) {
            check(pattern, "include");
        }
        for (String pattern : exclude) {
            check(pattern, "exclude");
        }
    }

    /** Takes every name. */
    public static NameFilter all() {
        return new NameFilter(List.of(), List.of());
    }

    public boolean accepts(String name) {
        Objects.requireNonNull(name, "name");
        return (include.isEmpty() || include.stream().anyMatch(p -> matches(p, name)))
                && exclude.stream().noneMatch(p -> matches(p, name));
    }

    /** Whether {@code name} matches a pattern with {@code *} wildcards. */
    static boolean matches(String pattern, String name) {
        // -1 keeps the empty parts around a leading or trailing '*'
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return name.matches(regex);
    }

    private static void check(String pattern, String what) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException(what + ": a pattern must not be blank");
        }
    }
}
