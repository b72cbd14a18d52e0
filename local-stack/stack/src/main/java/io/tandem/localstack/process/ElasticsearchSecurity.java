package io.tandem.localstack.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes the secured Elasticsearch 8 secured: x-pack security as Elastic publishes it (SecuredSingleNode of
 * engine-elasticsearch-8-node), HTTPS with a certificate for 127.0.0.1 issued by a local CA
 * ({@link SelfSignedCertificate#authority}), native users and roles, API keys, nothing allowed anonymously. The
 * administrator (role {@code superuser}, who may create the users, roles and API keys a test needs) is a file-realm
 * user whose password is random per start; the node hashes it with x-pack's bcrypt, reading it from its environment.
 */
final class ElasticsearchSecurity {

    static final String MAIN_CLASS = "org.elasticsearch.node.SecuredSingleNode";
    static final String ADMIN = "admin";
    private static final String PASSWORD_VARIABLE = "TANDEM_ELASTICSEARCH_ADMIN_PASSWORD";

    private final SelfSignedCertificate authority;
    private final String adminPassword;

    private ElasticsearchSecurity(SelfSignedCertificate authority, String adminPassword) {
        this.authority = authority;
        this.adminPassword = adminPassword;
    }

    /** Makes the CA and the node's certificate and key in {@code configDir}, where SecuredSingleNode reads them. */
    static ElasticsearchSecurity create(Path java, Path configDir) {
        return new ElasticsearchSecurity(SelfSignedCertificate.nodeAuthority(java, configDir),
                SelfSignedCertificate.randomSecret());
    }

    /** The node's environment: the administrator's password, which no command line shows. */
    Map<String, String> nodeEnvironment() {
        return Map.of(PASSWORD_VARIABLE, adminPassword);
    }

    /** What a client needs to be let in: the administrator's {@code username} and {@code password}, the {@code ca-cert}. */
    Map<String, String> adminClientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("username", ADMIN);
        properties.put("password", adminPassword);
        properties.put("ca-cert", authority.certificate().toString());
        return properties;
    }

    EngineProbe probe() {
        return EngineProbe.secured(authority, ADMIN, adminPassword);
    }
}
