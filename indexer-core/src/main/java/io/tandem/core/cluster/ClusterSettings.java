package io.tandem.core.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to reach one cluster (Elasticsearch 7+ or OpenSearch): where it listens, how to authenticate, which CA to trust.
 * Every problem is an {@link IllegalArgumentException} whose one-line message starts with the setting's name, so an
 * operator knows which option to fix.
 *
 * <p>{@link #toString()} never shows the password or the API key: settings end up in logs.
 *
 * @param urls           base URLs such as {@code https://es1:9200}: scheme http or https, a host, an optional port
 *                       (the scheme's default otherwise), no path, no credentials; stored without a trailing slash.
 *                       An error quotes a URL with its credentials masked ({@code http://u:***@host})
 * @param username       user for HTTP basic authentication, or {@code null}; given together with {@code password}
 * @param password       that user's password, or {@code null}
 * @param apiKey         an API key, either as the cluster returns it encoded (base64 of {@code id:api_key}) or as
 *                       {@code id:api_key}, or {@code null}; excludes username/password
 * @param caCertificate  a PEM file with the CA certificate(s) to trust for https, or {@code null} for the JVM's
 *                       default trust store
 * @param clientCertificate a PEM file with the certificate (chain) this client presents for mutual TLS, or
 *                       {@code null}; given together with {@code clientKey}
 * @param clientKey      a PEM file with that certificate's private key, unencrypted PKCS#8, or {@code null}
 * @param requestTimeout how long to wait for the cluster's answer to go on arriving (the socket timeout)
 * @param connectTimeout how long to wait for a connection to open
 */
public record ClusterSettings(List<String> urls, String username, String password, String apiKey, Path caCertificate,
                              Path clientCertificate, Path clientKey, Duration requestTimeout, Duration connectTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final String HIDDEN = "****";

    public ClusterSettings {
        urls = validUrls(urls);
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username/password: give both or neither");
        }
        if (username != null && username.isEmpty()) {
            throw new IllegalArgumentException("username: must not be empty");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey: must not be empty");
        }
        if (apiKey != null && username != null) {
            // both would set the Authorization header; silently preferring one would hide a configuration mistake
            throw new IllegalArgumentException("apiKey: give either an API key or username/password, not both");
        }
        if (caCertificate != null && urls.stream().noneMatch(url -> url.startsWith("https://"))) {
            throw new IllegalArgumentException("caCertificate: given, but no url uses https");
        }
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("clientCertificate/clientKey: give both or neither");
        }
        if (clientCertificate != null && urls.stream().noneMatch(url -> url.startsWith("https://"))) {
            throw new IllegalArgumentException("clientCertificate: given, but no url uses https");
        }
        requireTimeout("requestTimeout", requestTimeout);
        requireTimeout("connectTimeout", connectTimeout);
    }

    /** Settings for these base URLs, without authentication, trusting the JVM's CAs, with the default timeouts. */
    public static ClusterSettings of(String... urls) {
        return new ClusterSettings(List.of(urls), null, null, null, null, null, null, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT);
    }

    public ClusterSettings withBasicAuth(String username, String password) {
        return new ClusterSettings(urls, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"), apiKey, caCertificate, clientCertificate, clientKey,
                requestTimeout, connectTimeout);
    }

    public ClusterSettings withApiKey(String apiKey) {
        return new ClusterSettings(urls, username, password, Objects.requireNonNull(apiKey, "apiKey"), caCertificate,
                clientCertificate, clientKey, requestTimeout, connectTimeout);
    }

    public ClusterSettings withCaCertificate(Path caCertificate) {
        return new ClusterSettings(urls, username, password, apiKey,
                Objects.requireNonNull(caCertificate, "caCertificate"), clientCertificate, clientKey, requestTimeout,
                connectTimeout);
    }

    public ClusterSettings withClientCertificate(Path clientCertificate, Path clientKey) {
        return new ClusterSettings(urls, username, password, apiKey, caCertificate,
                Objects.requireNonNull(clientCertificate, "clientCertificate"), Objects.requireNonNull(clientKey, "clientKey"),
                requestTimeout, connectTimeout);
    }

    public ClusterSettings withTimeouts(Duration requestTimeout, Duration connectTimeout) {
        return new ClusterSettings(urls, username, password, apiKey, caCertificate, clientCertificate, clientKey,
                requestTimeout, connectTimeout);
    }

    @Override
    public String toString() {
        return "ClusterSettings[urls=" + urls
                + ", username=" + (username == null ? "(none)" : username)
                + ", password=" + (password == null ? "(none)" : HIDDEN)
                + ", apiKey=" + (apiKey == null ? "(none)" : HIDDEN)
                + ", caCertificate=" + (caCertificate == null ? "(JVM default)" : caCertificate)
                + ", clientCertificate=" + (clientCertificate == null ? "(none)" : clientCertificate)
                + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + "]";
    }

    private static List<String> validUrls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("urls: at least one base URL is required, e.g. http://127.0.0.1:9200");
        }
        List<String> valid = new ArrayList<>(urls.size());
        for (String url : urls) {
            valid.add(validUrl(url));
        }
        return List.copyOf(valid);
    }

    private static String validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("urls: an empty entry is not a base URL");
        }
        String trimmed = url.strip();
        if (Urls.hasUserInfo(trimmed)) {
            // before anything else: a URL that also fails another check would otherwise be quoted with its password.
            // Credentials in a URL end up in logs; they have their own settings, hidden from toString()
            throw badUrl(trimmed, "credentials belong in username/password or apiKey");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw badUrl(trimmed, "it does not parse (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw badUrl(trimmed, "the scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw badUrl(trimmed, "it names no valid host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw badUrl(trimmed, "the port must be between 1 and 65535");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw badUrl(trimmed, "a base URL has no path, query or fragment");
        }
        String lowerScheme = scheme.toLowerCase(java.util.Locale.ROOT);
        return lowerScheme + "://" + uri.getRawAuthority();
    }

    /** The one error for a URL: quoted with its credentials masked ({@link Urls#redact}), whatever the problem. */
    private static IllegalArgumentException badUrl(String url, String problem) {
        return new IllegalArgumentException("urls: '" + oneLine(Urls.redact(url)) + "' is not a base URL like "
                + "http://host:9200: " + problem);
    }

    private static void requireTimeout(String name, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()
                || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(name + ": must be positive and at most " + Integer.MAX_VALUE
                    + " ms, was " + timeout);
        }
    }

    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
