package org.elasticsearch.node;

import io.tandem.localstack.esnode.SecurityIndexAnalysisPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elasticsearch.common.settings.SecureString;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.xpack.core.XPackPlugin;
import org.elasticsearch.xpack.core.security.authc.support.Hasher;
import org.elasticsearch.xpack.security.Security;

/**
 * {@link SingleNode} with Elasticsearch's own security (x-pack-core and x-pack-security, as published): HTTPS with
 * the PEM certificate and key found in the config directory ({@code node.pem}, {@code node-key.pem}, issued by
 * {@code ca.pem}), every request authenticated, native users and roles, API keys, on the self-generated basic
 * license. The administrator is a file-realm user (superuser) whose password this node reads from the environment
 * and hashes with x-pack's own bcrypt; the transport layer stays plain (one node, bound to 127.0.0.1).
 *
 * <p>Usage: {@code SecuredSingleNode <http-port> <transport-port> <cluster-name> <home-dir> <admin-user>}, the
 * password in {@value #PASSWORD_VARIABLE}.
 */
public final class SecuredSingleNode {

    static final String PASSWORD_VARIABLE = "TANDEM_ELASTICSEARCH_ADMIN_PASSWORD";

    private SecuredSingleNode() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[3]).resolve("config");
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(PASSWORD_VARIABLE + " must hold the administrator's password");
        }
        String hash = new String(Hasher.BCRYPT.hash(new SecureString(password.toCharArray())));
        Files.createDirectories(config);
        Files.writeString(config.resolve("users"), args[4] + ":" + hash + "\n", StandardCharsets.UTF_8);
        Files.writeString(config.resolve("users_roles"), "superuser:" + args[4] + "\n", StandardCharsets.UTF_8);
        Settings security = Settings.builder()
                .put("xpack.security.enabled", true)
                .put("xpack.license.self_generated.type", "basic")
                .put("xpack.security.http.ssl.enabled", true)
                .put("xpack.security.http.ssl.certificate", config.resolve("node.pem").toString())
                .put("xpack.security.http.ssl.key", config.resolve("node-key.pem").toString())
                .put("xpack.security.http.ssl.certificate_authorities", config.resolve("ca.pem").toString())
                .put("xpack.security.transport.ssl.enabled", false)
                .build();
        SingleNode.run(args, security, List.of(XPackPlugin.class, Security.class, SecurityIndexAnalysisPlugin.class));
    }
}
