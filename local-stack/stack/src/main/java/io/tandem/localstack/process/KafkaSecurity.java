package io.tandem.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What makes the secured Kafka secured: a TLS certificate for 127.0.0.1 made with the JDK's keytool (self-signed; the
 * trust store holds it), SCRAM-SHA-512 credentials of an administrator written at format time (KRaft keeps them in
 * its metadata log), ACLs enforced by the standard authorizer with nothing allowed unless granted. Passwords are
 * random per start and reach keytool through its environment, never its arguments.
 */
final class KafkaSecurity {

    static final String MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN = "admin";
    private static final String STORE_PASSWORD_VARIABLE = "TANDEM_KAFKA_STORE_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keystore;
    private final Path truststore;
    private final String storePassword;
    private final String adminPassword;

    private KafkaSecurity(Path keystore, Path truststore, String storePassword, String adminPassword) {
        this.keystore = keystore;
        this.truststore = truststore;
        this.storePassword = storePassword;
        this.adminPassword = adminPassword;
    }

    /** Generates the broker's key pair and the clients' trust store in {@code dir} with the keytool beside {@code java}. */
    static KafkaSecurity create(Path java, Path dir) {
        KafkaSecurity security = new KafkaSecurity(dir.resolve("broker.p12"), dir.resolve("truststore.p12"),
                randomPassword(), randomPassword());
        Path certificate = dir.resolve("broker.pem");
        Path keytool = java.resolveSibling("keytool");
        String store = "-storepass:env";
        security.keytool(keytool, dir, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                "-keystore", security.keystore.toString(), "-storetype", "PKCS12", store, STORE_PASSWORD_VARIABLE);
        security.keytool(keytool, dir, "-exportcert", "-rfc", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", security.keystore.toString(), store, STORE_PASSWORD_VARIABLE);
        security.keytool(keytool, dir, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", security.truststore.toString(), "-storetype", "PKCS12", store, STORE_PASSWORD_VARIABLE);
        return security;
    }

    /** StorageTool arguments that create the administrator's SCRAM credentials with the cluster. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
    }

    /**
     * The broker's listener and security lines. The controller listener stays PLAINTEXT on 127.0.0.1 (KRaft cannot
     * authenticate SCRAM there: the credentials live in the log it serves), so its principal, ANONYMOUS, must be a
     * super user for the broker half to talk to the controller half; no client is ever given that port.
     */
    List<String> serverProperties(int brokerPort, int controllerPort) {
        return List.of(
                "listeners=SASL_SSL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + brokerPort,
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaas(ADMIN, adminPassword),
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + storePassword,
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + storePassword,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + ADMIN + ";User:ANONYMOUS",
                "allow.everyone.if.no.acl.found=false");
    }

    /** Client properties of the administrator, who may do anything: tests create users and ACLs with them. */
    Map<String, String> adminClientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaas(ADMIN, adminPassword));
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.location", truststore.toString());
        properties.put("ssl.truststore.password", storePassword);
        return properties;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
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

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
