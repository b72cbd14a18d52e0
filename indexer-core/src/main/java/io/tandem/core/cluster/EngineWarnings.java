package io.tandem.core.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.Header;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deprecation warnings an engine sends in its answers' {@code Warning} headers (Elasticsearch and OpenSearch
 * both do, e.g. OpenSearch 2 for a mapping that disables {@code _field_names}), logged once per cluster and text
 * with the request that first drew it. Installed on every client's HTTP client, so the bulk path and every other request
 * meet it. (The low-level client logs each warned answer itself, a line per request — thousands in a backfill whose
 * requests all draw one; the shipped logback.xml keeps that logger to errors.)
 */
final class EngineWarnings implements HttpResponseInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWarnings.class);
    /** {@code 299 Elasticsearch-8.19.21-<hash> "text"} or, from some versions, with a date after the text. */
    private static final Pattern WARNING = Pattern.compile("^\\d{3} \\S+ \"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Enough for any real migration's distinct warnings; bounds the memory an engine that varies them could take. */
    private static final int MOST_REMEMBERED = 100;

    private final String cluster;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param cluster how the log names the cluster: its address */
    EngineWarnings(String cluster) {
        this.cluster = cluster;
    }

    @Override
    public void process(HttpResponse response, HttpContext context) {
        for (Header header : response.getHeaders("Warning")) {
            String text = text(header.getValue());
            if (seen.size() < MOST_REMEMBERED && seen.add(text)) {
                Object request = context.getAttribute(HttpCoreContext.HTTP_REQUEST);
                String line = request instanceof HttpRequest r
                        ? r.getRequestLine().getMethod() + " " + r.getRequestLine().getUri().replaceFirst("\\?.*", "")
                        : "a request";
                LOG.warn("{} warns: {} (first drawn by {}; not repeated)", cluster, text, line);
            }
        }
    }

    /** The warning's text, unquoted; the whole header value when it is not in the standard form. */
    static String text(String headerValue) {
        Matcher m = WARNING.matcher(headerValue);
        return m.find() ? m.group(1).replaceAll("\\\\(.)", "$1") : headerValue;
    }
}
