package io.tandem.core.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** Builds the low-level REST client for one cluster from its {@link ClusterSettings}. */
public final class ClusterClients {

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
        SSLContext sslContext = settings.caCertificate() == null ? null : trusting(settings.caCertificate());
        int connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        int socketMillis = Math.toIntExact(settings.requestTimeout().toMillis());
        return RestClient.builder(hosts)
                .setDefaultHeaders(authorization(settings))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(connectMillis)
                        .setSocketTimeout(socketMillis))
                .setHttpClientConfigCallback(client -> sslContext == null ? client : client.setSSLContext(sslContext))
                .build();
    }

    /**
     * Reads the CA certificate file of {@code settings}, if any, as {@link #create} will: a caller that checks every
     * setting before connecting learns of a missing or invalid file together with the others.
     *
     * @throws IllegalArgumentException naming {@code caCertificate}
     */
    public static void checkCaCertificate(ClusterSettings settings) {
        if (settings.caCertificate() != null) {
            trusting(settings.caCertificate());
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

    private static SSLContext trusting(Path pemFile) {
        List<Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            certificates.addAll(read);
        } catch (IOException e) {
            throw new IllegalArgumentException("caCertificate: cannot read " + pemFile + " (" + e + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("caCertificate: " + pemFile + " is not a PEM certificate ("
                    + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("caCertificate: " + pemFile + " holds no certificate");
        }
        try {
            // only these CAs: a cluster with its own CA should not also be trusted by way of the public ones
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("caCertificate: cannot build a trust store from " + pemFile + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
