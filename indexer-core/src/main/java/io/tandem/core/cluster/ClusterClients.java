package io.tandem.core.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** Builds the low-level REST client for one cluster from its {@link ClusterSettings}. */
public final class ClusterClients {

    private static final Pattern PKCS8_PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private ClusterClients() {
    }

    /**
     * A client for the cluster. The caller owns it and closes it.
     *
     * <p>Credentials are sent with every request rather than after a 401 challenge: a challenge would make the
     * client send every bulk body twice.
     *
     * @throws IllegalArgumentException naming the setting, e.g. when the CA certificate file cannot be read
     */
    public static RestClient create(ClusterSettings settings) {
        HttpHost[] hosts = settings.urls().stream().map(ClusterClients::host).toArray(HttpHost[]::new);
        SSLContext sslContext = tls(settings);
        int connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        int socketMillis = Math.toIntExact(settings.requestTimeout().toMillis());
        EngineWarnings warnings = new EngineWarnings(settings.urls().stream().map(Urls::redact)
                .collect(Collectors.joining(", ")));
        return RestClient.builder(hosts)
                .setDefaultHeaders(authorization(settings))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(connectMillis)
                        .setSocketTimeout(socketMillis))
                .setHttpClientConfigCallback(client -> {
                    client.addInterceptorLast(warnings);
                    return sslContext == null ? client : client.setSSLContext(sslContext);
                })
                .build();
    }

    /**
     * Reads the CA certificate file and the client certificate and key of {@code settings}, if any, as
     * {@link #create} will: a caller that checks every setting before connecting learns of a missing or invalid file
     * together with the others.
     *
     * @throws IllegalArgumentException naming {@code caCertificate}, {@code clientCertificate} or {@code clientKey}
     */
    public static void checkTlsFiles(ClusterSettings settings) {
        tls(settings);
    }

    /** The TLS context of the settings' CA and client certificate; {@code null} (the JVM's) when they give neither. */
    private static SSLContext tls(ClusterSettings settings) {
        if (settings.caCertificate() == null && settings.clientCertificate() == null) {
            return null;
        }
        // no CA given: the JVM's trust store (null trust managers); no client certificate: none presented
        TrustManager[] trust = settings.caCertificate() == null ? null : trusting(settings.caCertificate());
        KeyManager[] keys = settings.clientCertificate() == null ? null
                : presenting(settings.clientCertificate(), settings.clientKey());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Key managers presenting the certificate (chain) of {@code certificateFile} with the private key of
     * {@code keyFile}, an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC).
     */
    private static KeyManager[] presenting(Path certificateFile, Path keyFile) {
        List<Certificate> chain = certificates("clientCertificate", certificateFile);
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("clientKey: cannot read " + keyFile + " (" + e + ")", e);
        }
        Matcher block = PKCS8_PEM.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("clientKey: " + keyFile + " is not an unencrypted PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out "
                    + keyFile.getFileName());
        }
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        try {
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1))));
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return keys.getKeyManagers();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("clientKey: " + keyFile + " is not the " + algorithm + " private key of "
                    + certificateFile + " (" + e.getMessage() + ")", e);
        }
    }

    private static HttpHost host(String url) {
        try {
            URI uri = URI.create(url); // already validated by ClusterSettings
            return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
        } catch (IllegalArgumentException e) {
            // URI.create quotes its whole input: never a URL's credentials
            throw new IllegalArgumentException("urls: '" + Urls.redact(url) + "' is not a base URL", null);
        }
    }

    private static Header[] authorization(ClusterSettings settings) {
        if (settings.username() != null) {
            String pair = settings.username() + ":" + settings.password();
            return new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))};
        }
        if (settings.apiKey() != null) {
            return new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + encodedApiKey(settings.apiKey()))};
        }
        return new Header[0];
    }

    /**
     * The key as the Authorization header wants it: base64 of {@code id:api_key}. A key given as {@code id:api_key}
     * is encoded here; base64 never contains ':', so a key without one is taken as already encoded.
     */
    static String encodedApiKey(String apiKey) {
        String key = apiKey.strip();
        return key.indexOf(':') >= 0
                ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))
                : key;
    }

    /** The certificates of a PEM file; the errors name {@code setting}. */
    private static List<Certificate> certificates(String setting, Path pemFile) {
        List<Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            certificates.addAll(read);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + pemFile + " (" + e + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + ": " + pemFile + " is not a PEM certificate ("
                    + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(setting + ": " + pemFile + " holds no certificate");
        }
        return certificates;
    }

    private static TrustManager[] trusting(Path pemFile) {
        List<Certificate> certificates = certificates("caCertificate", pemFile);
        try {
            // only these CAs: a cluster with its own CA should not also be trusted by way of the public ones
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            return trust.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("caCertificate: cannot build a trust store from " + pemFile + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
