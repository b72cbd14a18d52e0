package io.tandem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Core validates its settings records by their component names ({@code timeout: must be at least zeroFor (PT10S)});
 * a CLI user needs the flags to fix ({@code --lag-timeout: must be at least --lag-hold-for (PT10S)}).
 *
 * <p>Each settings record a command builds from flags has one map from its component names to those flags, declared
 * next to the options that set them, and is built through {@link #flagged}. Translated are:
 * <ul>
 * <li>the leading names, the settings at fault: {@code name:}, {@code a/b:}, {@code a and b:} or {@code a, b:};</li>
 * <li>further on, other settings the message refers to: a word that is a name, or names joined by {@code /}
 *     ({@code username/password}).</li>
 * </ul>
 * Left as they are: a leading setting's own name repeated further on, which is prose ({@code skipped: the alias check
 * cannot be skipped}); anything within a word, a path or a quoted value ({@code 'http://x'}, {@code {"query":...}});
 * and the value the user gave, after the last {@code was} or {@code were}.
 */
public final class SettingErrors {

    /** What separates the names of the settings at fault before the first {@code ": "}. */
    private static final Pattern LEAD_SEPARATOR = Pattern.compile("/|, | and ");
    /** Where the value the user gave starts: it is shown as typed. */
    private static final Pattern VALUE_TAIL = Pattern.compile("\\b(?:was|were)\\b");
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** Punctuation around a name in a sentence: "(initialBackoff", "apiKey,", "password." */
    private static final Pattern AROUND = Pattern.compile("^(\\(?)(.*?)([,;:.)]*)$");

    private SettingErrors() {
    }

    /**
     * Builds a settings record; an {@link IllegalArgumentException} it throws comes back naming flags instead of
     * component names.
     *
     * @param flagsByName each record component a flag sets, to that flag
     */
    public static <T> T flagged(Map<String, String> flagsByName, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw withFlag(e, flagsByName);
        }
    }

    /**
     * The error with every component name in its message replaced by the flag that sets it (see the class comment),
     * the original as its cause; {@code error} itself when its message names none.
     */
    public static IllegalArgumentException withFlag(IllegalArgumentException error, Map<String, String> flagsByName) {
        if (error.getMessage() == null) {
            return error;
        }
        String translated = translate(error.getMessage(), flagsByName);
        return translated.equals(error.getMessage()) ? error : new IllegalArgumentException(translated, error);
    }

    static String translate(String message, Map<String, String> flagsByName) {
        String lead = "";
        String body = message;
        Set<String> subjects = Set.of();
        int colon = message.indexOf(": ");
        if (colon > 0) {
            List<String> names = List.of(LEAD_SEPARATOR.split(message.substring(0, colon), -1));
            if (flagsByName.keySet().containsAll(names)) {
                subjects = Set.copyOf(names);
                lead = names(message.substring(0, colon), flagsByName) + ": ";
                body = message.substring(colon + 2);
            }
        }
        Matcher tail = VALUE_TAIL.matcher(body);
        int valueStart = body.length();
        while (tail.find()) {
            valueStart = tail.start();
        }
        return lead + references(body.substring(0, valueStart), flagsByName, subjects) + body.substring(valueStart);
    }

    /** The leading names, each replaced by its flag, the separators kept. */
    private static String names(String lead, Map<String, String> flagsByName) {
        StringBuilder out = new StringBuilder();
        Matcher separator = LEAD_SEPARATOR.matcher(lead);
        int from = 0;
        while (separator.find()) {
            out.append(flagsByName.get(lead.substring(from, separator.start()))).append(separator.group());
            from = separator.end();
        }
        return out.append(flagsByName.get(lead.substring(from))).toString();
    }

    /** Every word of {@code text} that is a name, or names joined by '/', other than a subject, as its flag(s). */
    private static String references(String text, Map<String, String> flagsByName, Set<String> subjects) {
        StringBuilder out = new StringBuilder();
        Matcher word = WORD.matcher(text);
        int from = 0;
        while (word.find()) {
            out.append(text, from, word.start());
            Matcher parts = AROUND.matcher(word.group());
            parts.matches();
            List<String> names = List.of(parts.group(2).split("/", -1));
            if (flagsByName.keySet().containsAll(names) && names.stream().noneMatch(subjects::contains)) {
                List<String> flags = new ArrayList<>();
                names.forEach(name -> flags.add(flagsByName.get(name)));
                out.append(parts.group(1)).append(String.join("/", flags)).append(parts.group(3));
            } else {
                out.append(word.group());
            }
            from = word.end();
        }
        return out.append(text.substring(from)).toString();
    }
}
