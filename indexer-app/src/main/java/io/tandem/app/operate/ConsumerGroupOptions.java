package io.tandem.app.operate;

import picocli.CommandLine.Option;

/** Which consumer (group) on which topic the operator commands measure. */
public final class ConsumerGroupOptions {

    @Option(names = "--group", required = true,
            description = "Consumer group of the migration's indexer (the --group it runs with).")
    String group;

    @Option(names = "--topic", required = true, description = "The command topic the indexer replays.")
    String topic;

    public String group() {
        return group;
    }

    public String topic() {
        return topic;
    }
}
