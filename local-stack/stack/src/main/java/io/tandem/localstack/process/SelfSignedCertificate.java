package io.tandem.localstack.process;

import io.tandem.localstack.PemTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A TLS certificate for 127.0.0.1 (and localhost), self-signed, made with the JDK's keytool: its key pair in a PKCS12
 * key store, the certificate as PEM (what a client trusts, e.g. Tandem's --source-ca-cert) and in a PKCS12 trust
 * store. The stores' password is random per certificate and reaches keytool through its environment, never its
 * arguments.
 */
final class SelfSignedCertificate {

    private static final String STORE_PASSWORD_VARIABLE = "TANDEM_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keystore;
    private final Path certificate;
    private final Path truststore;
    private final String storePassword;
    /** The JDK whose keytool made this certificate and issues others. */
    private final Path java;

    private SelfSignedCertificate(Path java, Path keystore, Path certificate, Path truststore, String storePassword) {
        this.java = java;
        this.keystore = keystore;
        this.certificate = certificate;
        this.truststore = truststore;
        this.storePassword = storePassword;
    }

    /** A certificate issued by a {@link #authority}: its PEM and its private key's (PKCS#8) PEM. */
    record Issued(Path certificate, Path key) {
    }

    /** Makes {@code name.p12}, {@code name.pem} and {@code name-truststore.p12} in {@code dir} with the keytool beside {@code java}. */
    static SelfSignedCertificate create(Path java, Path dir, String name) {
        return create(java, dir, name, "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
    }

    /**
     * A certificate authority ({@code CN=<name>}, basic constraints CA) in {@code dir}, which {@link #issue}s the
     * certificates of servers and clients that trust it: what mutual TLS needs, a CA both sides trust.
     */
    static SelfSignedCertificate authority(Path java, Path dir, String name) {
        return create(java, dir, name, "CN=" + name, "bc:c");
    }

    private static SelfSignedCertificate create(Path java, Path dir, String name, String dname, String extension) {
        SelfSignedCertificate made = new SelfSignedCertificate(java, dir.resolve(name + ".p12"),
                dir.resolve(name + ".pem"), dir.resolve(name + "-truststore.p12"), randomSecret());
        Path keytool = java.resolveSibling("keytool");
        String store = "-storepass:env";
        made.keytool(keytool, dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-ext", extension, "-validity", "30",
                "-keystore", made.keystore.toString(), "-storetype", "PKCS12", store, STORE_PASSWORD_VARIABLE);
        made.keytool(keytool, dir, "-exportcert", "-rfc", "-alias", name, "-file", made.certificate.toString(),
                "-keystore", made.keystore.toString(), store, STORE_PASSWORD_VARIABLE);
        made.keytool(keytool, dir, "-importcert", "-noprompt", "-alias", name, "-file", made.certificate.toString(),
                "-keystore", made.truststore.toString(), "-storetype", "PKCS12", store, STORE_PASSWORD_VARIABLE);
        return made;
    }

    /**
     * A search node's TLS material in its {@code configDir}: an {@link #authority} ({@code ca.pem}) and the node's
     * certificate for 127.0.0.1 it issued ({@code node.pem}, {@code node-key.pem}).
     */
    static SelfSignedCertificate nodeAuthority(Path java, Path configDir) {
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SelfSignedCertificate authority = authority(java, configDir, "ca");
        authority.issue(configDir, "node", "CN=127.0.0.1", "ip:127.0.0.1,dns:localhost");
        return authority;
    }

    /**
     * A certificate for {@code dname} signed by this authority, made in {@code dir} as {@code name.pem} and
     * {@code name-key.pem}; {@code san} (e.g. {@code ip:127.0.0.1,dns:localhost}) for a server, empty for a client.
     */
    Issued issue(Path dir, String name, String dname, String san) {
        Path keytool = java.resolveSibling("keytool");
        String store = "-storepass:env";
        Path ownStore = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path certificatePem = dir.resolve(name + ".pem");
        keytool(keytool, dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "30", "-keystore", ownStore.toString(), "-storetype", "PKCS12", store, STORE_PASSWORD_VARIABLE);
        keytool(keytool, dir, "-certreq", "-alias", name, "-file", request.toString(), "-keystore", ownStore.toString(),
                store, STORE_PASSWORD_VARIABLE);
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", keystoreAlias(), "-infile",
                request.toString(), "-outfile", certificatePem.toString(), "-validity", "30", "-keystore",
                keystore.toString(), store, STORE_PASSWORD_VARIABLE));
        if (!san.isEmpty()) {
            sign.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(keytool, dir, sign.toArray(String[]::new));
        return new Issued(certificatePem, writePrivateKeyPem(ownStore, dir.resolve(name + "-key.pem")));
    }

    Path keystore() {
        return keystore;
    }

    /** The certificate, PEM: a client given it as its CA trusts this server and nothing else. */
    Path certificate() {
        return certificate;
    }

    Path truststore() {
        return truststore;
    }

    private String keystoreAlias() {
        String name = keystore.getFileName().toString();
        return name.substring(0, name.length() - ".p12".length());
    }

    /** The password of both PKCS12 stores. */
    String storePassword() {
        return storePassword;
    }

    /**
     * Writes the private key as unencrypted PKCS#8 PEM (what nginx reads), readable by its owner only: keytool can
     * make a key but not export one.
     */
    Path writePrivateKeyPem(Path file) {
        return writePrivateKeyPem(keystore, file);
    }

    private Path writePrivateKeyPem(Path store, Path file) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, storePassword.toCharArray());
            Key key = keys.getKey(keys.aliases().nextElement(), storePassword.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private key of " + store, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key keytool made in " + store, e);
        }
    }

    /** A TLS context that trusts this certificate and nothing else. */
    SSLContext sslContext() {
        return PemTrust.trusting(certificate);
    }

    /** 32 hex digits from a strong random source: store passwords, and users' passwords of secured engines. */
    static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void keytool(Path keytool, Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put(STORE_PASSWORD_VARIABLE, storePassword);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
                        + new String(output).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
