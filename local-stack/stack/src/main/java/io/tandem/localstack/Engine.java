package io.tandem.localstack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The real servers local-stack can start. Versions are those of the engine-* modules' dependencies. */
public enum Engine {
    KAFKA("kafka", "Apache Kafka 4.3 (KRaft)", Protocol.KAFKA, 17),
    ELASTICSEARCH_7("elasticsearch-7", "Elasticsearch 7.10", Protocol.HTTP, 17),
    ELASTICSEARCH_6("elasticsearch-6", "Elasticsearch 6.8", Protocol.HTTP, 17),
    OPENSEARCH_2("opensearch-2", "OpenSearch 2.19", Protocol.HTTP, 17),
    /** Compiled for Java 21: started on a Java 21+ runtime found on the machine, skipped where there is none. */
    OPENSEARCH_3("opensearch-3", "OpenSearch 3.8", Protocol.HTTP, 21);

    /** How clients talk to the engine. */
    public enum Protocol { KAFKA, HTTP }

    private final String id;
    private final String displayName;
    private final Protocol protocol;
    private final int minimumJava;

    Engine(String id, String displayName, Protocol protocol, int minimumJava) {
        this.id = id;
        this.displayName = displayName;
        this.protocol = protocol;
        this.minimumJava = minimumJava;
    }

    /** Stable short name, used on the command line and in file names. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Lowest Java feature version the engine's classes run on. */
    public int minimumJava() {
        return minimumJava;
    }

    public boolean isOpenSearch() {
        return this == OPENSEARCH_2 || this == OPENSEARCH_3;
    }

    /** Parses an id such as {@code elasticsearch-7}; the error lists the valid ids. */
    public static Engine fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(e -> e.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + id + "'; valid: "
                        + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "))));
    }
}
