package io.tandem.ops.reindex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RemoteReindex} copies, and from where. Every problem is an {@link IllegalArgumentException} with a
 * one-line message naming the setting.
 *
 * @param remoteHost     URL of the old cluster as the <em>new</em> cluster reaches it: {@code scheme://host:port},
 *                       optionally with a path prefix; it must match the target's {@code reindex.remote.whitelist}
 *                       ({@code allowlist} on OpenSearch) literally, so {@code 127.0.0.1} and {@code localhost} differ
 * @param username       user on the old cluster, with {@code password}; both or neither
 * @param password       its password (secret: {@link #toString} masks it)
 * @param sourceIndex    index (or alias, or comma-separated list) on the old cluster
 * @param targetIndex    index (or write alias) on the new cluster
 * @param size           documents per batch (default {@value #DEFAULT_SIZE}); the new cluster buffers a batch on its
 *                       heap (at most 100 MB), so large documents need smaller batches
 * @param query          which documents to copy (the {@code query} of a search); empty copies all
 * @param painlessScript Painless run on each document, e.g. {@link PainlessTransforms#tagsToKeyValue}; must not touch
 *                       {@code _version}, which Tandem sets to 0 before it runs
 */
public record RemoteReindexSettings(String remoteHost, Optional<String> username, Optional<String> password,
                                    String sourceIndex, String targetIndex, int size, Optional<ObjectNode> query,
                                    Optional<String> painlessScript) {

    public static final int DEFAULT_SIZE = 1000;

    public RemoteReindexSettings {
        checkHost(remoteHost);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("username and password: give both or neither");
        }
        requireName("sourceIndex", sourceIndex);
        requireName("targetIndex", targetIndex);
        if (size < 1) {
            throw new IllegalArgumentException("size: must be at least 1, was " + size);
        }
        Objects.requireNonNull(query, "query");
        query = query.map(ObjectNode::deepCopy); // nobody keeps a handle on the settings' query
        Objects.requireNonNull(painlessScript, "painlessScript");
        painlessScript.ifPresent(VersionZeroScript::compose); // refuses a script touching _version, now
    }

    /** A plain copy of all documents, no credentials, batches of {@value #DEFAULT_SIZE}. */
    public static RemoteReindexSettings of(String remoteHost, String sourceIndex, String targetIndex) {
        return new RemoteReindexSettings(remoteHost, Optional.empty(), Optional.empty(), sourceIndex, targetIndex,
                DEFAULT_SIZE, Optional.empty(), Optional.empty());
    }

    public RemoteReindexSettings withPainlessScript(String script) {
        return new RemoteReindexSettings(remoteHost, username, password, sourceIndex, targetIndex, size, query,
                Optional.of(script));
    }

    public RemoteReindexSettings withSize(int batchSize) {
        return new RemoteReindexSettings(remoteHost, username, password, sourceIndex, targetIndex, batchSize, query,
                painlessScript);
    }

    /** A copy of the query: the settings stay as they were built. */
    @Override
    public Optional<ObjectNode> query() {
        return query.map(ObjectNode::deepCopy);
    }

    /** The settings with the password masked, so they can be logged. */
    @Override
    public String toString() {
        return "RemoteReindexSettings[remoteHost=" + remoteHost + ", username=" + username.orElse("(none)")
                + ", password=" + password.map(secret -> "****").orElse("(none)") + ", sourceIndex=" + sourceIndex
                + ", targetIndex=" + targetIndex + ", size=" + size + ", query=" + query.map(Object::toString).orElse("(all)")
                + ", painlessScript=" + painlessScript.map(script -> script.length() + " characters").orElse("(none)")
                + "]";
    }

    /**
     * The engine wants {@code scheme://host:port}; checked here so that the mistake shows before any request. Every
     * error quotes the URL with its credentials masked ({@link Urls#redact}), and credentials are looked for first.
     */
    private static void checkHost(String remoteHost) {
        Objects.requireNonNull(remoteHost, "remoteHost");
        if (Urls.hasUserInfo(remoteHost)) {
            throw new IllegalArgumentException("remoteHost: only scheme://host:port and a path prefix; credentials go in"
                    + " username and password, was '" + Urls.redact(remoteHost) + "'");
        }
        if (!remoteHost.startsWith("http://") && !remoteHost.startsWith("https://")) {
            throw new IllegalArgumentException("remoteHost: must start with http:// or https://, was '"
                    + Urls.redact(remoteHost) + "'");
        }
        URI uri;
        try {
            uri = new URI(remoteHost);
        } catch (URISyntaxException e) {
            // the reason, not the message, which quotes the whole input
            throw new IllegalArgumentException("remoteHost: not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("remoteHost: must name a host and a port (scheme://host:port), was '"
                    + Urls.redact(remoteHost) + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("remoteHost: only scheme://host:port and a path prefix; credentials go in"
                    + " username and password, was '" + Urls.redact(remoteHost) + "'");
        }
    }

    private static void requireName(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + ": must not be blank");
        }
    }
}
