package io.tandem.demo;

import io.tandem.localstack.Engine;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo runs: how many old messages, how much live traffic, which engine is the new cluster, where the
 * report and logs go; and, for tests, engines that already run instead of starting them.
 */
record DemoSettings(int documents, int commandsPerSecond, Engine target, Path workDir, Path reportFile, long seed,
                    Optional<Endpoints> running) {

    /** Engines already running: Kafka's bootstrap address and the base URLs of the old and the new cluster. */
    record Endpoints(String kafka, String oldUrl, String newUrl) {
    }

    /** The engines the demo migrates to: its own, started by itself (not secured, not older than the old one). */
    static final Set<Engine> TARGETS = EnumSet.of(Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2, Engine.OPENSEARCH_3,
            Engine.ELASTICSEARCH_8, Engine.ELASTICSEARCH_9);

    static final String OLD_INDEX = "messages-v1";
    static final String NEW_INDEX = "messages-v2";
    /** The alias the application reads and writes: on the old index before the cutover, on the new one after. */
    static final String ALIAS = "messages";
    static final String TOPIC = "messages.commands";
    static final String GROUP = "tandem-indexer-messages-v2";
    static final String TRANSFORM = "tags-to-key-value";
    /** The tags map is the document's {@code tags}; the pairs replace it in place. */
    static final String TRANSFORM_OPTION = "source=tags";

    DemoSettings {
        if (documents < 1) {
            throw new IllegalArgumentException("--documents must be at least 1, was " + documents);
        }
        if (commandsPerSecond < 1) {
            throw new IllegalArgumentException("--live-rate must be at least 1 command/s, was " + commandsPerSecond);
        }
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException("--target must be a newer search engine than the old Elasticsearch 7.10: "
                    + "elasticsearch-7 (same cluster), opensearch-2, opensearch-3, elasticsearch-8 or elasticsearch-9; "
                    + "was " + target.id());
        }
    }

    /** The old and the new index live in one cluster: the v1 -> v2 migration within Elasticsearch 7.10. */
    boolean sameCluster() {
        return running.map(e -> e.oldUrl().equals(e.newUrl())).orElse(target == Engine.ELASTICSEARCH_7);
    }
}
