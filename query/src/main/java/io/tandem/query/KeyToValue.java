package io.tandem.query;

/**
 * The {@code keyToValue} encoding of one tag: {@code escape(key) + separator + escape(value)}, where escape puts
 * {@code \} before every {@code \} and every separator. Because of the escaping exactly one separator in the result
 * is unescaped, so every pair has its own encoding and {@link #decode} recovers it: {@code ("a:b", "c")} encodes to
 * {@code a\:b:c} and {@code ("a", "b:c")} to {@code a:b\:c}.
 *
 * <p>The one rule for this field: the transform that writes it and {@link TagQueries}, which builds queries against
 * it, both use this class, so the two cannot disagree.
 *
 * <p>The separator is one character other than {@code \}. A longer one could overlap the end of the escaped key
 * ({@code "a:" + "::"} reads as {@code "a" + "::" + ":"}), making pairs ambiguous again.
 */
public final class KeyToValue {

    /** The separator when none is configured. */
    public static final String DEFAULT_SEPARATOR = ":";

    private static final char ESCAPE = '\\';

    private KeyToValue() {
    }

    /** Whether {@code separator} can be used with {@link #encode} and {@link #decode}. */
    public static boolean isValidSeparator(String separator) {
        return separator != null && separator.length() == 1 && separator.charAt(0) != ESCAPE;
    }

    /**
     * @throws IllegalArgumentException when the separator is not valid (see {@link #isValidSeparator})
     */
    public static String encode(String key, String value, String separator) {
        char sep = separatorChar(separator);
        StringBuilder encoded = new StringBuilder(key.length() + value.length() + 8);
        appendEscaped(encoded, key, sep);
        encoded.append(sep);
        appendEscaped(encoded, value, sep);
        return encoded.toString();
    }

    /**
     * {@code text} escaped as {@link #encode} escapes a key or a value. Escaping goes character by character, so
     * {@code encode(key, value)} starts with {@code escape(p)} exactly when {@code key} starts with {@code p}, and
     * with {@code escape(key) + separator} exactly when the key is {@code key}: prefix queries stay exact.
     *
     * @throws IllegalArgumentException when the separator is not valid (see {@link #isValidSeparator})
     */
    public static String escape(String text, String separator) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        appendEscaped(escaped, text, separatorChar(separator));
        return escaped.toString();
    }

    /**
     * The {@code {key, value}} pair that {@link #encode} turned into {@code encoded}.
     *
     * @throws IllegalArgumentException when the separator is not valid, or when {@code encoded} is not an encoding:
     *                                  it has no or several unescaped separators, or an escape before anything but
     *                                  {@code \} or the separator
     */
    public static String[] decode(String encoded, String separator) {
        char sep = separatorChar(separator);
        String key = null;
        StringBuilder current = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == ESCAPE) {
                i++;
                if (i == encoded.length() || (encoded.charAt(i) != ESCAPE && encoded.charAt(i) != sep)) {
                    throw notEncoded(encoded, sep, "an escape at index " + (i - 1)
                            + " before neither '\\' nor the separator");
                }
                current.append(encoded.charAt(i));
            } else if (c == sep) {
                if (key != null) {
                    throw notEncoded(encoded, sep, "more than one unescaped separator");
                }
                key = current.toString();
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (key == null) {
            throw notEncoded(encoded, sep, "no unescaped separator");
        }
        return new String[] {key, current.toString()};
    }

    private static void appendEscaped(StringBuilder target, String text, char sep) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || c == sep) {
                target.append(ESCAPE);
            }
            target.append(c);
        }
    }

    private static char separatorChar(String separator) {
        if (!isValidSeparator(separator)) {
            throw new IllegalArgumentException("separator must be one character other than '\\', got "
                    + (separator == null ? "null" : quote(separator)));
        }
        return separator.charAt(0);
    }

    private static IllegalArgumentException notEncoded(String encoded, char sep, String problem) {
        return new IllegalArgumentException("not a key-to-value encoding with separator '" + sep + "': "
                + quote(encoded) + " has " + problem);
    }

    /** {@code text} in single quotes, with line breaks escaped so that messages stay on one line. */
    private static String quote(String text) {
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
