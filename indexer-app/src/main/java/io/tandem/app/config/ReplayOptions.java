package io.tandem.app.config;

import io.tandem.cli.SettingErrors;
import io.tandem.core.command.CommandFormat;
import io.tandem.core.command.VersionSource;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** What to replay and how to read the commands. */
public final class ReplayOptions {

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

    @Option(names = "--id-field", defaultValue = "id", description = "Dot path of the document id in a command; "
            + "the record key is used when absent (default: ${DEFAULT-VALUE}).")
    String idField;

    @Option(names = "--op-field", defaultValue = "op", description = "Dot path of the operation (default: ${DEFAULT-VALUE}).")
    String opField;

    @Option(names = "--version-field", defaultValue = "version", description = "Dot path of the version (default: ${DEFAULT-VALUE}).")
    String versionField;

    @Option(names = "--doc-field", defaultValue = "doc", description = "Dot path of the full document of an upsert (default: ${DEFAULT-VALUE}).")
    String docField;

    @Option(names = "--max-pending", defaultValue = "20000",
            description = "Records read but not yet applied before the consumer pauses its partitions (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--commit-interval", defaultValue = "PT1S", paramLabel = "DURATION",
            description = "How often applied offsets are committed (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--max-poll-records", defaultValue = "2000", description = "Kafka max.poll.records (default: ${DEFAULT-VALUE}).")
    int maxPollRecords;

    public String topic() {
        return topic;
    }

    public String group() {
        return group;
    }

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

    public VersionSource versionSource() {
        return versionSource;
    }

    /** The flag of each {@link CommandFormat} component these options set; the op names are not flags. */
    static final Map<String, String> FORMAT_FLAGS = Map.of("idField", "--id-field", "opField", "--op-field",
            "versionField", "--version-field", "docField", "--doc-field");

    public CommandFormat format() {
        // in one go: one field at a time would refuse swapping two paths (--id-field op --op-field id) half way
        return SettingErrors.flagged(FORMAT_FLAGS, () -> new CommandFormat(idField, opField, versionField, docField,
                CommandFormat.DEFAULT.upsertOps(), CommandFormat.DEFAULT.deleteOps()));
    }

    public int maxPending() {
        return maxPending;
    }

    public Duration commitInterval() {
        return commitInterval;
    }

    public int maxPollRecords() {
        return maxPollRecords;
    }
}
