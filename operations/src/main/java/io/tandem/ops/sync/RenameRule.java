package io.tandem.ops.sync;

import java.util.Optional;

/**
 * Gives a source index another name on the target: {@code messages-v1=messages-v2}, or with one {@code *} on both
 * sides, {@code logs-*=archive-logs-*}, which keeps what the {@code *} matched.
 *
 * @param from a source index name, or a pattern with one {@code *}
 * @param to   its target name, with a {@code *} exactly where {@code from} has one
 */
public record RenameRule(String from, String to) {

    private static final String WILDCARD = "*";

    public RenameRule {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("rename: both names are needed: OLD=NEW, was " + from + "=" + to);
        }
        long fromWildcards = from.chars().filter(c -> c == '*').count();
        long toWildcards = to.chars().filter(c -> c == '*').count();
        if (fromWildcards > 1 || fromWildcards != toWildcards) {
            throw new IllegalArgumentException("rename: " + from + "=" + to
                    + ": use either plain names or one '*' on each side (e.g. logs-*=archive-logs-*)");
        }
    }

    /** Parses {@code OLD=NEW}. */
    public static RenameRule parse(String rule) {
        int equals = rule == null ? -1 : rule.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("rename: expected OLD=NEW, was '" + rule + "'");
        }
        return new RenameRule(rule.substring(0, equals).trim(), rule.substring(equals + 1).trim());
    }

    /** The target name of {@code name}, when this rule applies to it. */
    public Optional<String> apply(String name) {
        int star = from.indexOf(WILDCARD);
        if (star < 0) {
            return name.equals(from) ? Optional.of(to) : Optional.empty();
        }
        String prefix = from.substring(0, star);
        String suffix = from.substring(star + 1);
        if (name.length() < prefix.length() + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(to.replace(WILDCARD, name.substring(prefix.length(), name.length() - suffix.length())));
    }

    @Override
    public String toString() {
        return from + "=" + to;
    }
}
