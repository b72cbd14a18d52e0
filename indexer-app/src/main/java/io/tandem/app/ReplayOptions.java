package io.tandem.app;

import io.tandem.app.config.CommandFormatOptions;
import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.VersionSource;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What run replays and how it reads the commands; run reads the fields directly. */
final class ReplayOptions {

    @Option(names = "--topic", required = true, description = "The application's command topic.")
    String topic;

    @Option(names = "--group", required = true,
            description = "Consumer group of this indexer. Use a NEW group for a migration: it starts at the earliest offset.")
    String group;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Where unparseable, untransformable and rejected commands go, with the reason in headers; "
                    + "must differ from --topic (default: <topic>.dlq).")
    String deadLetterTopic;

    @Option(names = "--version-source", defaultValue = "COMMAND_FIELD",
            description = "Version of each write: COMMAND_FIELD (the command's version, a per-entity monotonic number; "
                    + "recommended) or KAFKA_OFFSET (offset + 1; only while each document's commands stay in one "
                    + "partition) (default: ${DEFAULT-VALUE}).")
    VersionSource versionSource;

    @Mixin
    CommandFormatOptions commandFormat;

    @Option(names = "--max-pending", defaultValue = "20000",
            description = "Records read but not yet applied before the consumer pauses its partitions (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--commit-interval", defaultValue = "PT1S", paramLabel = "DURATION",
            description = "How often applied offsets are committed while records keep coming; a consumer that has "
                    + "caught up commits at once (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--max-poll-records", defaultValue = "2000", description = "Kafka max.poll.records (default: ${DEFAULT-VALUE}).")
    int maxPollRecords;

    /**
     * The dead-letter topic: {@code --dead-letter-topic}, or {@code <topic>.dlq}.
     *
     * @throws IllegalArgumentException naming the flags, when it is blank or the command topic itself: dead letters
     *                                  would be read back as commands, fail again, and loop
     */
    public String deadLetterTopic() {
        if (deadLetterTopic == null) {
            return topic + ".dlq";
        }
        if (deadLetterTopic.isBlank()) {
            throw new IllegalArgumentException("--dead-letter-topic: must not be blank");
        }
        if (deadLetterTopic.equals(topic)) {
            throw new IllegalArgumentException("--dead-letter-topic: must differ from --topic, or dead letters would be "
                    + "read back as commands; both were " + topic);
        }
        return deadLetterTopic;
    }

    public CommandFormat format() {
        return commandFormat.format();
    }
}
