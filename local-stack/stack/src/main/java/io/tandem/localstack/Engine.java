package io.tandem.localstack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The real servers local-stack can start. Versions are those of the engine-* modules' dependencies. */
public enum Engine {
    KAFKA("Apache Kafka 4.3 (KRaft)", 17),
    ELASTICSEARCH_7("Elasticsearch 7.10", 17),
    ELASTICSEARCH_6("Elasticsearch 6.8", 17),
    OPENSEARCH_2("OpenSearch 2.19", 17),
    /** Compiled for Java 21: started on a Java 21+ runtime found on the machine, skipped where there is none. */
    OPENSEARCH_3("OpenSearch 3.8", 21),
    /**
     * The server jar and its netty4 module, as published (no runner exists): no x-pack (security, ILM, painless)
     * and no other module (reindex, analysis-common, mapper-extras); see engine-elasticsearch-8-node.
     */
    ELASTICSEARCH_8("Elasticsearch 8.19", 17),
    /**
     * Built as {@link #ELASTICSEARCH_8} is, from the 9.5 server jar, and lacking the same modules; Java 21 bytecode:
     * compiled and started only where a JDK 21+ exists, skipped elsewhere (see engine-elasticsearch-9-node).
     */
    ELASTICSEARCH_9("Elasticsearch 9.5", 21),
    /**
     * The same Kafka secured as production ones are: SASL_SSL only, SCRAM-SHA-512 users, TLS with a certificate made
     * at start, ACLs with nothing allowed unless granted; its endpoint's client properties are the administrator's.
     */
    KAFKA_SASL_SSL("Apache Kafka 4.3 SASL_SSL", 17),
    /**
     * Elasticsearch 7.10 reached as a production cluster is: HTTPS only, every request authenticated. Its security
     * (x-pack) is not on Maven Central, so Debian's nginx terminates TLS and checks basic auth in front of it; its
     * endpoint's client properties are the user and the CA certificate that let a client in.
     */
    ELASTICSEARCH_7_SECURED("Elasticsearch 7.10 behind nginx (HTTPS, basic auth)", 17),
    /**
     * OpenSearch 2.19 with its security plugin, as production clusters run it: HTTPS and TLS between nodes, the
     * internal user database, roles; nothing allowed anonymously. Its endpoint's client properties are the
     * administrator's, who may create users and roles through the plugin's REST API.
     */
    OPENSEARCH_2_SECURED("OpenSearch 2.19 with its security plugin", 17),
    /**
     * {@link #ELASTICSEARCH_8} with Elasticsearch's own security, x-pack-core and x-pack-security as published: HTTPS,
     * native users and roles, API keys, nothing allowed anonymously. Its endpoint's client properties are the
     * administrator's (superuser), who may create users, roles and API keys through the security API.
     */
    ELASTICSEARCH_8_SECURED("Elasticsearch 8.19 with its security (x-pack)", 17),
    /**
     * {@link #OPENSEARCH_2} configured as a small, overloaded production cluster: one write thread with a queue of 2,
     * so concurrent bulk requests draw the engine's own 429s ({@code es_rejected_execution_exception}), and
     * {@code http.max_content_length} of 1 MB, so one large document makes a request too large (413).
     */
    OPENSEARCH_2_CONSTRAINED("OpenSearch 2.19 with 1 write thread, a write queue of 2, 1 MB requests", 17),
    /**
     * {@link #OPENSEARCH_2} as a cluster of two node processes: "Node 1" the cluster manager (and a data node), which
     * clients talk to, and "Node 2", a data node only, so the cluster stays up while Node 2 is gone. Primaries are
     * balanced across both, so an index of two shards and a replica has a primary on each. {@code restart} restarts
     * Node 2: the lost node production has, its primaries failing over to their replicas and recovered on its return.
     */
    OPENSEARCH_2_TWO_NODES("OpenSearch 2.19, two nodes (a cluster manager with data, a data node)", 17);

    /** How clients talk to the engine. */
    public enum Protocol { KAFKA, HTTP }

    private final String displayName;
    /** Lowest Java feature version the engine's classes run on. */
    private final int minimumJava;

    Engine(String displayName, int minimumJava) {
        this.displayName = displayName;
        this.minimumJava = minimumJava;
    }

    /** Stable short name, used on the command line and in file names: the constant's name, e.g. elasticsearch-7. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String displayName() {
        return displayName;
    }

    /** Kafka speaks its own protocol; every search engine speaks HTTP. */
    public Protocol protocol() {
        return this == KAFKA || this == KAFKA_SASL_SSL ? Protocol.KAFKA : Protocol.HTTP;
    }

    public int minimumJava() {
        return minimumJava;
    }

    /**
     * Secured as production engines are: TLS and users made at start, so it exists only as a local process; its
     * endpoint's client properties are what lets a client in.
     */
    public boolean isSecured() {
        return this == KAFKA_SASL_SSL || this == ELASTICSEARCH_7_SECURED || this == OPENSEARCH_2_SECURED
                || this == ELASTICSEARCH_8_SECURED;
    }

    /**
     * The node settings that make this engine differ from the server it runs ({@link #server()}), as YAML keys and
     * values; empty for most.
     */
    public Map<String, String> nodeSettings() {
        return this == OPENSEARCH_2_CONSTRAINED ? CONSTRAINED_SETTINGS : Map.of();
    }

    private static final Map<String, String> CONSTRAINED_SETTINGS = Map.of("thread_pool.write.size", "1",
            "thread_pool.write.queue_size", "2", "http.max_content_length", "1mb");

    /** The engine whose server (and classpath) this one runs: itself, or the one it configures differently. */
    public Engine server() {
        return this == OPENSEARCH_2_CONSTRAINED || this == OPENSEARCH_2_TWO_NODES ? OPENSEARCH_2 : this;
    }

    /** How many node processes make the engine's cluster. */
    public int nodes() {
        return this == OPENSEARCH_2_TWO_NODES ? 2 : 1;
    }

    /** For an engine reached only through a TLS-terminating, authenticating proxy: the engine behind that proxy. */
    public Optional<Engine> behindProxy() {
        return this == ELASTICSEARCH_7_SECURED ? Optional.of(ELASTICSEARCH_7) : Optional.empty();
    }

    public boolean isOpenSearch() {
        return this == OPENSEARCH_2 || this == OPENSEARCH_3 || this == OPENSEARCH_2_SECURED
                || this == OPENSEARCH_2_CONSTRAINED || this == OPENSEARCH_2_TWO_NODES;
    }

    /** Parses an id such as {@code elasticsearch-7}; the error lists the valid ids. */
    public static Engine fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(e -> e.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + id + "'; valid: "
                        + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "))));
    }
}
