package io.tandem.localstack.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the secured Kafka secured: a {@link SelfSignedCertificate} for 127.0.0.1 (the clients' trust store holds
 * it), SCRAM-SHA-512 credentials of an administrator written at format time (KRaft keeps them in its metadata log),
 * ACLs enforced by the standard authorizer with nothing allowed unless granted. The password is random per start.
 */
final class KafkaSecurity {

    static final String MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN = "admin";

    private final SelfSignedCertificate certificate;
    private final String adminPassword;

    private KafkaSecurity(SelfSignedCertificate certificate, String adminPassword) {
        this.certificate = certificate;
        this.adminPassword = adminPassword;
    }

    /** Makes the broker's certificate and the clients' trust store in {@code dir} with the keytool beside {@code java}. */
    static KafkaSecurity create(Path java, Path dir) {
        return new KafkaSecurity(SelfSignedCertificate.create(java, dir, "broker"), SelfSignedCertificate.randomSecret());
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
                "ssl.keystore.location=" + certificate.keystore(),
                "ssl.keystore.password=" + certificate.storePassword(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + certificate.truststore(),
                "ssl.truststore.password=" + certificate.storePassword(),
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
        properties.put("ssl.truststore.location", certificate.truststore().toString());
        properties.put("ssl.truststore.password", certificate.storePassword());
        return properties;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
