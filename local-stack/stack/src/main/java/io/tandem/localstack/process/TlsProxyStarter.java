package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.child.ProxyMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Secures a started search engine the way a production cluster is reached when the engine itself cannot be secured
 * here (Elasticsearch's security is x-pack, which no Maven Central artifact carries): Debian's nginx in front of it,
 * terminating TLS with a {@link SelfSignedCertificate} and refusing every request without the one user's basic-auth
 * credentials (401). The node itself listens on 127.0.0.1 only, on a port no client is given.
 */
final class TlsProxyStarter {

    /** The one user the proxy lets in. */
    static final String USER = "tandem";
    /** Where nginx is looked for, after the {@value #NGINX_PROPERTY} system property and the PATH. */
    private static final List<Path> NGINX_PLACES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"));
    static final String NGINX_PROPERTY = "tandem.nginx";

    private final LocalProcessSettings settings;

    TlsProxyStarter(LocalProcessSettings settings) {
        this.settings = settings;
    }

    /** The nginx executable, or why there is none: checked before the engine behind it is started. */
    static Path nginx() throws EngineUnavailableException {
        Stream<Path> fromProperty = Optional.ofNullable(System.getProperty(NGINX_PROPERTY)).map(Path::of).stream();
        Stream<Path> fromPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry, "nginx"));
        return Stream.of(fromProperty, fromPath, NGINX_PLACES.stream()).flatMap(s -> s)
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new EngineUnavailableException("a secured engine needs nginx in front of it and none "
                        + "was found (-D" + NGINX_PROPERTY + ", the PATH, " + NGINX_PLACES + "): bin/install-prerequisites "
                        + "takes it out of Debian's nginx package"));
    }

    /** Starts nginx in front of {@code node} and returns the node as clients now reach it: HTTPS, with a user. */
    LocalEngine start(Engine secured, LocalEngine node, Path nginx, Path java, Path dir) {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(java, dir, "proxy");
        Path key = certificate.writePrivateKeyPem(dir.resolve("proxy-key.pem"));
        String password = SelfSignedCertificate.randomSecret();
        Path users = write(dir.resolve("users"), USER + ":" + ssha(password) + "\n");
        int port = FreePorts.allocate(1)[0];
        Path config = write(dir.resolve("nginx.conf"), config(dir, port, node.endpoint().address(), certificate.certificate(), key, users));
        long started = System.nanoTime();
        EngineProcess proxy = EngineProcess.start("nginx", java, List.of("-Xmx32m", "-XX:+UseSerialGC"), List.of(),
                ProxyMain.class.getName(), List.of(nginx.toString(), "-e", "stderr", "-p", dir.toString(), "-c",
                        config.toString()), dir);
        try {
            String url = "https://127.0.0.1:" + port;
            EngineProbe probe = EngineProbe.secured(certificate, USER, password);
            String version = StartupWait.until(proxy, settings.startTimeout(), () -> probe.readyVersion(url, null));
            EngineEndpoint endpoint = node.endpoint();
            Duration startDuration = endpoint.startDuration().plusNanos(System.nanoTime() - started);
            return node.behind(proxy, new EngineEndpoint(secured, url, endpoint.address(), version, endpoint.pid(),
                    startDuration, Map.of("username", USER, "password", password,
                            "ca-cert", certificate.certificate().toString())));
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    /**
     * One process (no master, no daemon) so that its PID is the proxy's; temp paths inside {@code dir} because the
     * compiled-in ones are under /var. Bodies of any size pass: the engine's own limit is the one under test.
     */
    private static String config(Path dir, int port, String upstream, Path certificate, Path key, Path users) {
        String upstreamHost = upstream.replaceFirst("^http://", "");
        List<String> lines = new ArrayList<>(List.of(
                "daemon off;",
                "master_process off;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;"));
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            lines.add("  " + temp + "_temp_path " + dir.resolve(temp + "_temp") + ";");
        }
        lines.addAll(List.of(
                "  client_max_body_size 0;",
                "  upstream engine { server " + upstreamHost + "; keepalive 16; }",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate " + certificate + ";",
                "    ssl_certificate_key " + key + ";",
                "    ssl_protocols TLSv1.2 TLSv1.3;",
                "    auth_basic \"tandem local stack\";",
                "    auth_basic_user_file " + users + ";",
                "    location / {",
                "      proxy_pass http://engine;",
                "      proxy_http_version 1.1;",
                "      proxy_set_header Connection \"\";",
                "      proxy_set_header Authorization \"\";",
                "      proxy_request_buffering off;",
                "      proxy_buffering off;",
                "      proxy_read_timeout 600s;",
                "    }",
                "  }",
                "}",
                ""));
        return String.join("\n", lines);
    }

    /** nginx's salted SHA-1 password scheme: base64 of SHA-1(password + salt) followed by the salt. */
    private static String ssha(String password) {
        byte[] salt = new byte[8];
        new SecureRandom().nextBytes(salt);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            sha1.update(salt);
            byte[] digest = sha1.digest();
            byte[] hashAndSalt = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, hashAndSalt, 0, digest.length);
            System.arraycopy(salt, 0, hashAndSalt, digest.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(hashAndSalt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
