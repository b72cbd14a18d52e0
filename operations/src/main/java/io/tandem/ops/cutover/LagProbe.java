package io.tandem.ops.cutover;

/**
 * Samples the offsets of the command topic's partitions for the migration's consumer group (and the old indexer's, and
 * the first recent records, as the {@link FreshnessRule} asks). Operations know no Kafka: the application passes one
 * that asks the Kafka admin client.
 */
@FunctionalInterface
public interface LagProbe {

    /** @throws Exception when the offsets cannot be read now */
    OffsetsSample sample(FreshnessRule rule) throws Exception;
}
