package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clients against a tiny in-test HTTP(S) server (JDK {@code com.sun.net.httpserver}) that records headers. */
class ClusterClientsTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        return start("http");
    }

    private String start(String scheme) {
        server.createContext("/", this::answer);
        server.start();
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            byte[] body = "{\"tagline\":\"You Know, for Search\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String get(RestClient client) throws IOException {
        Response response = client.performRequest(new Request("GET", "/"));
        return EntityUtils.toString(response.getEntity());
    }

    @Test
    void basicAuthIsSentWithTheFirstRequest() throws IOException {
        String url = startHttp();
        try (RestClient client = ClusterClients.create(ClusterSettings.of(url).withBasicAuth("elastic", "pä:ss"))) {
            get(client);
        }

        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
                .encodeToString("elastic:pä:ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anApiKeyIsSentAsApiKeyHeaderEncodedWhenGivenAsIdColonKey() throws IOException {
        String url = startHttp();
        try (RestClient raw = ClusterClients.create(ClusterSettings.of(url).withApiKey("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"));
             RestClient encoded = ClusterClients.create(ClusterSettings.of(url).withApiKey("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="))) {
            get(raw);
            get(encoded);
        }

        assertThat(authorizations).containsExactly(
                "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
                "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws IOException {
        String url = startHttp();
        try (RestClient client = ClusterClients.create(ClusterSettings.of(url))) {
            assertThat(get(client)).contains("You Know, for Search");
        }

        assertThat(authorizations).containsExactly("(none)");
    }

    @Test
    void httpsIsTrustedThroughTheGivenPemCaCertificateAndOnlyThroughIt(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-file", caPem.toString());
        assertThat(Files.readString(caPem)).startsWith("-----BEGIN CERTIFICATE-----");

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        server = https;
        String url = start("https");

        try (RestClient trusting = ClusterClients.create(ClusterSettings.of(url).withBasicAuth("elastic", "x")
                .withCaCertificate(caPem))) {
            assertThat(get(trusting)).contains("You Know, for Search");
        }
        try (RestClient jvmDefaults = ClusterClients.create(ClusterSettings.of(url))) {
            assertThatThrownBy(() -> get(jvmDefaults)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void anUnreadableCaCertificateIsRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.pem");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

        assertThatThrownBy(() -> ClusterClients.create(ClusterSettings.of("https://es:9200").withCaCertificate(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("caCertificate: cannot read ");
        assertThatThrownBy(() -> ClusterClients.create(ClusterSettings.of("https://es:9200").withCaCertificate(notPem)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("caCertificate: ");
    }

    @Test
    void aClientKeyThatIsNotUnencryptedPkcs8OrNotTheCertificatesIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("client.p12");
        Path certificate = dir.resolve("client.pem");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=client",
                "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Path garbage = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        ClusterSettings https = ClusterSettings.of("https://es:9200");

        assertThatThrownBy(() -> ClusterClients.create(https.withClientCertificate(certificate, pkcs1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientKey: " + pkcs1 + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                        + "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out rsa.pem");
        assertThatThrownBy(() -> ClusterClients.create(https.withClientCertificate(certificate, garbage)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clientKey: " + garbage + " is not the EC private key of " + certificate);
        assertThatThrownBy(() -> ClusterClients.create(https.withClientCertificate(garbage, garbage)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("clientCertificate: ");
    }

    @Test
    void aBadUrlIsAnIllegalArgumentNamingTheSetting() {
        assertThatThrownBy(() -> ClusterClients.create(ClusterSettings.of("127.0.0.1:9200")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("urls: '127.0.0.1:9200' is not a base URL");
    }

    private static SSLContext serverContext(Path keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The JDK's keytool makes a self-signed certificate: the JDK has no API for it, and tests add no dependency. */
    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
