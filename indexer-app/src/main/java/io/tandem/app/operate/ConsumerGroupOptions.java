package io.tandem.app.operate;

import io.tandem.app.config.KafkaOptions;
import io.tandem.ops.cutover.FreshnessRule;
import io.tandem.ops.cutover.OffsetsSample;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which consumer (group) on which topic of which Kafka cluster the operator commands measure. */
public final class ConsumerGroupOptions {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", required = true,
            description = "Consumer group of the migration's indexer (the --group it runs with).")
    String group;

    @Option(names = "--topic", required = true, description = "The command topic the indexer replays.")
    String topic;

    /** A client of the Kafka cluster, to measure the lag with; every Kafka setting is checked first. */
    ConsumerLag connect() {
        return new ConsumerLag(kafka.connectionProperties());
    }

    /** The group's lag on the topic now. */
    LagReport measure(ConsumerLag lag) throws InterruptedException {
        return lag.measure(group, topic);
    }

    /** The offsets {@code rule} compares, now. */
    OffsetsSample sample(ConsumerLag lag, FreshnessRule rule) throws InterruptedException {
        return lag.sample(group, topic, rule);
    }
}
