package io.tandem.ops.cutover;

/**
 * Measures the consumer's total lag (end offsets minus committed offsets, over the topic's partitions). Core knows no
 * Kafka: the application passes one that asks the Kafka admin client.
 */
@FunctionalInterface
public interface LagProbe {

    /** @throws Exception when the lag cannot be measured now */
    long totalLag() throws Exception;
}
