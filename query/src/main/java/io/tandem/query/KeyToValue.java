package io.tandem.query;

/**
 * The {@code keyToValue} encoding of one tag: {@code escape(key) + separator + value}, where escape puts {@code \}
 * before every {@code \} and every separator <em>of the key</em>; the value is kept verbatim.
 *
 * <p>Why this form: the application this field serves (background article 001) builds its key-and-value terms as
 * {@code key + ":" + value}. For every key without the separator and without {@code \} the encoding is exactly that,
 * byte for byte, whatever the value holds (URLs, times, {@code ns:id}), so the application's own queries keep
 * matching. Only a key containing the separator or {@code \} differs: {@code ("a:b", "c")} encodes to
 * {@code a\:b:c}; an application with such keys builds its terms with {@link #encode} (or {@link TagQueries}).
 *
 * <p>Pairs stay unambiguous: the key has no unescaped separator, so the first unescaped separator ends it and
 * everything after it is the value. {@code ("x:y", "z")} gives {@code x\:y:z} and {@code ("x", "y:z")} gives
 * {@code x:y:z}, two different terms, and {@link #decode} recovers each pair.
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
     * {@code escape(key) + separator + value}.
     *
     * @throws IllegalArgumentException when the separator is not valid (see {@link #isValidSeparator})
     */
    public static String encode(String key, String value, String separator) {
        char sep = separatorChar(separator);
        StringBuilder encoded = new StringBuilder(key.length() + value.length() + 4);
        appendEscaped(encoded, key, sep);
        return encoded.append(sep).append(value).toString();
    }

    /**
     * {@code key} escaped as {@link #encode} escapes it. Escaping goes character by character, so
     * {@code encode(key, value)} starts with {@code escape(p)} exactly when {@code key} starts with {@code p}, and
     * with {@code escape(key) + separator} exactly when the key is {@code key}: prefix queries on keys stay exact.
     *
     * @throws IllegalArgumentException when the separator is not valid (see {@link #isValidSeparator})
     */
    public static String escape(String key, String separator) {
        StringBuilder escaped = new StringBuilder(key.length() + 4);
        appendEscaped(escaped, key, separatorChar(separator));
        return escaped.toString();
    }

    /**
     * The {@code {key, value}} pair that {@link #encode} turned into {@code encoded}: the key up to the first
     * unescaped separator, unescaped; the value, everything after it, as it is.
     *
     * @throws IllegalArgumentException when the separator is not valid, or when {@code encoded} is not an encoding:
     *                                  it has no unescaped separator, or the key has an escape before anything but
     *                                  {@code \} or the separator
     */
    public static String[] decode(String encoded, String separator) {
        char sep = separatorChar(separator);
        StringBuilder key = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == ESCAPE) {
                i++;
                if (i == encoded.length() || (encoded.charAt(i) != ESCAPE && encoded.charAt(i) != sep)) {
                    throw notEncoded(encoded, sep, "an escape at index " + (i - 1)
                            + " before neither '\\' nor the separator");
                }
                key.append(encoded.charAt(i));
            } else if (c == sep) {
                return new String[] {key.toString(), encoded.substring(i + 1)};
            } else {
                key.append(c);
            }
        }
        throw notEncoded(encoded, sep, "no unescaped separator");
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
