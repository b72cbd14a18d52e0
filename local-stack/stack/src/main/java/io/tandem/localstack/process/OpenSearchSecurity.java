package io.tandem.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What makes the secured OpenSearch secured: the official security plugin (its zip from Maven Central, loaded as a
 * classpath plugin), TLS on HTTP and transport with a certificate for 127.0.0.1 issued by a local CA
 * ({@link SelfSignedCertificate#authority}), users authenticated by the internal user database (basic auth) or by a
 * client certificate the same CA issued (mutual TLS: the certificate's CN is the user), one administrator (role
 * {@code all_access}, which may also use the security REST API to create the users and roles a test needs) and
 * nothing allowed anonymously. The security index is created from the YAML files
 * written here at the node's first start ({@code allow_default_init_securityindex}). The administrator's password is
 * random per start; the plugin's own tool hashes it, reading it from its environment.
 */
final class OpenSearchSecurity {

    static final String PLUGIN_CLASS = "org.opensearch.security.OpenSearchSecurityPlugin";
    static final String ADMIN = "admin";
    private static final String HASHER_CLASS = "org.opensearch.security.tools.Hasher";
    private static final String PASSWORD_VARIABLE = "TANDEM_OPENSEARCH_ADMIN_PASSWORD";
    private static final long HASHER_TIMEOUT_SECONDS = 120;
    /** {@code name-1.2.3.jar} (or {@code -1.2.3.Final.jar}): the artifact's name, to tell one jar on two classpaths. */
    private static final Pattern JAR_NAME = Pattern.compile("(.+?)-\\d[\\w.\\-]*\\.jar");
    /** No certificate is ever issued to this DN: the administrator is a user, not a certificate. */
    private static final String ADMIN_DN = "CN=tandem-local-stack-admin";
    /** The user the issued client certificate authenticates as (its CN). */
    static final String CLIENT_USER = "tandem-client";

    private final SelfSignedCertificate authority;
    private final SelfSignedCertificate.Issued client;
    private final String adminPassword;
    private final List<Path> classpath;

    private OpenSearchSecurity(SelfSignedCertificate authority, SelfSignedCertificate.Issued client, String adminPassword,
                               List<Path> classpath) {
        this.authority = authority;
        this.client = client;
        this.adminPassword = adminPassword;
        this.classpath = classpath;
    }

    /**
     * Unpacks the plugin next to the runner's classpath, makes the node's certificate and key in {@code configDir} and
     * writes the security configuration under it.
     *
     * @param recordedClasspath the engine's classpath as Maven recorded it: the runner's jars and the plugin's zip
     */
    static OpenSearchSecurity create(Path java, Path dir, Path configDir, List<Path> recordedClasspath) {
        List<Path> classpath = withPluginJars(recordedClasspath, dir.resolve("security-plugin"));
        SelfSignedCertificate authority = SelfSignedCertificate.nodeAuthority(java, configDir);
        Path clients = dir.resolve("clients");
        try {
            Files.createDirectories(clients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SelfSignedCertificate.Issued client = authority.issue(clients, CLIENT_USER, "CN=" + CLIENT_USER, "");
        OpenSearchSecurity security = new OpenSearchSecurity(authority, client, SelfSignedCertificate.randomSecret(),
                classpath);
        security.writeConfiguration(configDir.resolve("opensearch-security"), security.hash(java, dir));
        return security;
    }

    /** The classpath with the plugin's jars in place of its zip. */
    List<Path> classpath() {
        return classpath;
    }

    /** The node's settings (opensearch.yml lines); file paths are relative to the config directory. */
    List<String> nodeSettings() {
        return List.of(
                "plugins.security.ssl.transport.pemcert_filepath: node.pem",
                "plugins.security.ssl.transport.pemkey_filepath: node-key.pem",
                "plugins.security.ssl.transport.pemtrustedcas_filepath: ca.pem",
                "plugins.security.ssl.transport.enforce_hostname_verification: false",
                "plugins.security.ssl.http.enabled: true",
                "plugins.security.ssl.http.pemcert_filepath: node.pem",
                "plugins.security.ssl.http.pemkey_filepath: node-key.pem",
                "plugins.security.ssl.http.pemtrustedcas_filepath: ca.pem",
                // a client may present a certificate the CA issued (mutual TLS), or not and use a password
                "plugins.security.ssl.http.clientauth_mode: OPTIONAL",
                "plugins.security.allow_default_init_securityindex: true",
                "plugins.security.authcz.admin_dn: [\"" + ADMIN_DN + "\"]",
                "plugins.security.nodes_dn: [\"CN=127.0.0.1\"]",
                "plugins.security.audit.type: noop",
                "plugins.security.restapi.roles_enabled: [\"all_access\"]");
    }

    /**
     * What a client needs to be let in: the administrator's {@code username} and {@code password}, the {@code ca-cert}
     * to trust, and {@code client-cert} and {@code client-key} (PEM), a certificate that authenticates as the user
     * {@code client-user} ({@value #CLIENT_USER}), who holds no role until one is mapped to it.
     */
    Map<String, String> adminClientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("username", ADMIN);
        properties.put("password", adminPassword);
        properties.put("ca-cert", authority.certificate().toString());
        properties.put("client-cert", client.certificate().toString());
        properties.put("client-key", client.key().toString());
        properties.put("client-user", CLIENT_USER);
        return properties;
    }

    /** Probes the node over TLS as the administrator. */
    EngineProbe probe() {
        return EngineProbe.secured(authority, ADMIN, adminPassword);
    }

    /**
     * The recorded classpath with the zip's jars unpacked into {@code pluginDir} and added, except those whose
     * artifact the runner has already (netty, the REST clients, ...): one copy of each, the node's.
     */
    private static List<Path> withPluginJars(List<Path> recordedClasspath, Path pluginDir) {
        List<Path> jars = recordedClasspath.stream().filter(p -> !p.toString().endsWith(".zip")).toList();
        Set<String> present = jars.stream().map(OpenSearchSecurity::artifactName).collect(Collectors.toSet());
        List<Path> classpath = new ArrayList<>(jars);
        for (Path zip : recordedClasspath.stream().filter(p -> p.toString().endsWith(".zip")).toList()) {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                Files.createDirectories(pluginDir);
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String name = Path.of(entry.getName()).getFileName().toString();
                    // the plugin's jars are at the zip's root; its tools and default config are not needed
                    if (entry.getName().contains("/") || !name.endsWith(".jar") || present.contains(artifactName(Path.of(name)))) {
                        continue;
                    }
                    Path jar = pluginDir.resolve(name);
                    Files.copy(in, jar);
                    classpath.add(jar);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the security plugin " + zip, e);
            }
        }
        if (classpath.size() == jars.size()) {
            throw new IllegalStateException("the secured OpenSearch's classpath has no security plugin zip: " + recordedClasspath);
        }
        return classpath;
    }

    private static String artifactName(Path jar) {
        String name = jar.getFileName().toString();
        Matcher matcher = JAR_NAME.matcher(name);
        return matcher.matches() ? matcher.group(1) : name;
    }

    /** The administrator's password hashed by the plugin's own tool (bcrypt), the password passed in its environment. */
    private String hash(Path java, Path dir) {
        try (EngineProcess hasher = EngineProcess.start("opensearch-security-hasher", java, List.of("-Xmx128m"),
                classpath, HASHER_CLASS, List.of("-env", PASSWORD_VARIABLE), dir, Map.of(PASSWORD_VARIABLE, adminPassword))) {
            int exit = hasher.awaitExit(HASHER_TIMEOUT_SECONDS);
            String hash = hasher.logTail().lines().filter(line -> line.startsWith("$2")).reduce((a, b) -> b).orElse("");
            if (exit != 0 || hash.isEmpty()) {
                throw new IllegalStateException("the security plugin's Hasher failed (exit " + exit + "):\n" + hasher.logTail());
            }
            return hash;
        }
    }

    private void writeConfiguration(Path securityDir, String adminHash) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config.yml", meta("config") + """
                config:
                  dynamic:
                    http:
                      anonymous_auth_enabled: false
                    authc:
                      clientcert_auth_domain:
                        http_enabled: true
                        transport_enabled: false
                        order: 0
                        http_authenticator:
                          type: clientcert
                          config:
                            username_attribute: cn
                          challenge: false
                        authentication_backend:
                          type: noop
                      basic_internal_auth_domain:
                        http_enabled: true
                        transport_enabled: true
                        order: 1
                        http_authenticator:
                          type: basic
                          challenge: true
                        authentication_backend:
                          type: intern
                """);
        files.put("internal_users.yml", meta("internalusers") + ADMIN + ":\n  hash: \"" + adminHash + "\"\n"
                + "  backend_roles: [\"admin\"]\n  description: \"local-stack's administrator\"\n");
        files.put("roles_mapping.yml", meta("rolesmapping") + "all_access:\n  backend_roles: [\"admin\"]\n");
        files.put("roles.yml", meta("roles"));
        files.put("action_groups.yml", meta("actiongroups"));
        files.put("tenants.yml", meta("tenants"));
        files.put("nodes_dn.yml", meta("nodesdn"));
        files.put("allowlist.yml", meta("allowlist") + "config:\n  enabled: false\n");
        files.put("audit.yml", meta("audit") + "config:\n  enabled: false\n");
        try {
            Files.createDirectories(securityDir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(securityDir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the security configuration in " + securityDir, e);
        }
    }

    private static String meta(String type) {
        return "_meta:\n  type: \"" + type + "\"\n  config_version: 2\n";
    }
}
