package io.tandem.ops.reindex;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Painless script a remote reindex runs: the caller's script with {@code ctx._version = 0L;} as its first
 * statement, which puts every copy at version 0 of the external version space (a live write always wins, a delete
 * tombstone refuses it).
 *
 * <p>First, not last, so that nothing in the caller's script (an early top-level {@code return}) can skip it; and
 * the caller's script may not mention {@code _version} at all, so nothing can change it afterwards. Painless wants
 * function declarations before any statement, so the statement goes right after them: the script is scanned for
 * leading declarations ({@code Type name(params) { ... }}), skipping strings and comments when matching braces. A
 * misplaced statement cannot go unnoticed: inside a function body {@code ctx} does not exist and before a declaration
 * Painless refuses the order, so either way the engine rejects the script with a compile error.
 */
final class VersionZeroScript {

    static final String STATEMENT = "ctx._version = 0L;";

    /** The start of a declaration: a type (dotted, maybe an array) and a name, then '('. */
    private static final Pattern FUNCTION_HEAD =
            Pattern.compile("([A-Za-z_][\\w.]*)(?:\\s*\\[\\s*\\])*\\s+[A-Za-z_]\\w*\\s*\\(");
    /** Words that start a statement like {@code return f(x);}, which the pattern would take for a declaration. */
    private static final Set<String> STATEMENT_WORDS = Set.of("return", "new", "throw", "else", "do", "if", "for",
            "while", "try", "catch", "break", "continue", "instanceof");

    private VersionZeroScript() {
    }

    /**
     * @param script the caller's Painless script, possibly empty
     * @throws IllegalArgumentException when the script mentions {@code _version}
     */
    static String compose(String script) {
        if (script.contains("_version")) {
            throw new IllegalArgumentException("the script must not touch _version: every copy is written with"
                    + " external version 0, so that live writes win and deletes stay deleted");
        }
        int statements = statementsStart(script);
        String declarations = script.substring(0, statements);
        return (declarations.isBlank() ? "" : declarations + "\n") + STATEMENT + "\n" + script.substring(statements);
    }

    /** Where the leading function declarations of {@code script} end. */
    static int statementsStart(String script) {
        int end = 0;
        while (true) {
            int head = skipBlanksAndComments(script, end);
            Matcher m = FUNCTION_HEAD.matcher(script).region(head, script.length());
            if (!m.lookingAt() || STATEMENT_WORDS.contains(m.group(1))) {
                return end;
            }
            int close = matching(script, m.end() - 1, '(', ')');
            if (close < 0) {
                return end;
            }
            int body = skipBlanksAndComments(script, close + 1);
            if (body >= script.length() || script.charAt(body) != '{') {
                return end;
            }
            int bodyEnd = matching(script, body, '{', '}');
            if (bodyEnd < 0) {
                return end;
            }
            end = bodyEnd + 1;
        }
    }

    /** The index of the bracket closing the one at {@code open}, or -1; strings and comments are skipped. */
    private static int matching(String s, int open, char opening, char closing) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = afterString(s, i);
                continue;
            }
            int afterComment = afterComment(s, i);
            if (afterComment > i) {
                i = afterComment;
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static int skipBlanksAndComments(String s, int from) {
        int i = from;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else {
                int afterComment = afterComment(s, i);
                if (afterComment == i) {
                    return i;
                }
                i = afterComment;
            }
        }
        return i;
    }

    /** The index after a comment starting at {@code i}, or {@code i} when none starts there. */
    private static int afterComment(String s, int i) {
        if (s.startsWith("//", i)) {
            int newline = s.indexOf('\n', i);
            return newline < 0 ? s.length() : newline + 1;
        }
        if (s.startsWith("/*", i)) {
            int close = s.indexOf("*/", i + 2);
            return close < 0 ? s.length() : close + 2;
        }
        return i;
    }

    /** The index after the string literal opening at {@code i}; Painless escapes with a backslash. */
    private static int afterString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return s.length();
    }
}
