package io.tandem.core.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a URL given by an operator is echoed in a message or a log line: its credentials masked. A URL may
 * carry {@code user:password@} (a mistake Tandem refuses, but only after it has read the URL), and an error that
 * quotes the URL whole would print the password into a terminal, a CI log or a pod's log.
 *
 * <p>Masking works on the text, not on a parsed URI: the URLs to mask are exactly those that do not parse
 * ({@code http://u:p@search_new:9200}: an underscore is no valid host name, and {@link java.net.URI} then keeps the
 * whole authority as one opaque string with no user info), or whose scheme is mistyped ({@code htps://u:p@es}).
 */
public final class Urls {

    /** What replaces a password (or a user info without a ':', which may be a token). */
    public static final String MASK = "***";

    /** {@code scheme://userinfo@} inside free text: the user info runs to the last '@' before a space or a '/'. */
    private static final Pattern USERINFO_IN_TEXT = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s/?#]*)@");

    private Urls() {
    }

    /**
     * {@code url} with any user info masked: {@code http://u:p@host:9200} gives {@code http://u:***@host:9200},
     * {@code http://token@host} gives {@code http://***@host}. Everything between the {@code //} (or the start, when
     * there is none) and the last '@' counts as user info, so a password holding '@' or '/' is masked whole; a URL
     * without '@' is returned as it is. Never throws; {@code null} gives {@code null}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int slashes = url.indexOf("//");
        int start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
        return url.substring(0, start) + masked(url.substring(start, at)) + url.substring(at);
    }

    /**
     * {@code text} (an exception's message, say) with the user info of every {@code scheme://user:password@host} in
     * it masked as {@link #redact} does. A password holding a space or a '/' cannot be told from the text around it
     * here: for a URL given on its own, use {@link #redact}.
     */
    public static String redactIn(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher matcher = USERINFO_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + masked(matcher.group(2)) + "@"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Whether {@code url} may carry user info ({@code user[:password]@} before the host), parsed or not: whether it
     * holds an '@' at all, which no base URL of a cluster needs anywhere else.
     */
    public static boolean hasUserInfo(String url) {
        return url != null && url.indexOf('@') >= 0;
    }

    private static String masked(String userInfo) {
        int colon = userInfo.indexOf(':');
        return colon >= 0 ? userInfo.substring(0, colon) + ":" + MASK : MASK;
    }
}
