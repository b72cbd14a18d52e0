package io.tandem.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What was true when a migration into {@code targetIndex} started, kept in the {@link StateStore} under
 * {@link #key()} so that a restarted consumer can tell whether its assumptions still hold and what to undo at the end.
 *
 * @param topic             the command topic replayed into the target
 * @param partitionCount    the topic's partition count at the start
 * @param versionSource     where external versions come from: {@value #KAFKA_OFFSET} or {@value #COMMAND_FIELD}
 *                          (the names of {@code io.tandem.core.command.VersionSource})
 * @param targetIndex       the concrete index the migration writes into
 * @param startedAt         when the migration started
 * @param previousGcDeletes the target's explicit {@code index.gc_deletes} before the migration raised it;
 *                          {@code null} when it had the engine default
 */
public record MigrationRecord(String topic, int partitionCount, String versionSource, String targetIndex,
                              Instant startedAt, String previousGcDeletes) {

    /** Versions are the record's Kafka offset + 1: comparable only within one partition. */
    public static final String KAFKA_OFFSET = "KAFKA_OFFSET";
    /** Versions are a field of the command, set by the application: comparable across partitions. */
    public static final String COMMAND_FIELD = "COMMAND_FIELD";

    private static final Set<String> VERSION_SOURCES = Set.of(KAFKA_OFFSET, COMMAND_FIELD);
    private static final String KEY_PREFIX = "migration/";

    public MigrationRecord {
        requireText(topic, "topic");
        requireText(targetIndex, "targetIndex");
        Objects.requireNonNull(startedAt, "startedAt");
        if (partitionCount < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, was " + partitionCount);
        }
        // an unknown name would slip past the partition guard, which only knows what KAFKA_OFFSET means
        if (!VERSION_SOURCES.contains(versionSource)) {
            throw new IllegalArgumentException("unknown version source '" + versionSource + "'; valid: "
                    + KAFKA_OFFSET + ", " + COMMAND_FIELD);
        }
        if (previousGcDeletes != null && previousGcDeletes.isBlank()) {
            throw new IllegalArgumentException("previousGcDeletes is null (engine default) or a time value, was blank");
        }
    }

    /** The state key of the migration into {@code targetIndex}. */
    public static String keyFor(String targetIndex) {
        return KEY_PREFIX + targetIndex;
    }

    public String key() {
        return keyFor(targetIndex);
    }

    public boolean versionsFromKafkaOffset() {
        return KAFKA_OFFSET.equals(versionSource);
    }

    /** {@link #previousGcDeletes()} as {@link GcDeletesWindow#restore} takes it. */
    public Optional<String> previousGcDeletesSetting() {
        return Optional.ofNullable(previousGcDeletes);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("topic", topic);
        json.put("partitionCount", partitionCount);
        json.put("versionSource", versionSource);
        json.put("targetIndex", targetIndex);
        json.put("startedAt", startedAt.toString());
        // written even when null: "the default" is a fact worth recording, not a forgotten field
        json.put("previousGcDeletes", previousGcDeletes);
        return json;
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException with a one-line message naming the field that is missing or wrong
     */
    public static MigrationRecord fromJson(JsonNode json) {
        JsonNode partitions = json.path("partitionCount");
        if (!partitions.canConvertToInt() || !partitions.isIntegralNumber()) {
            throw new IllegalArgumentException("migration record: partitionCount must be a whole number, was " + partitions);
        }
        Instant startedAt;
        try {
            startedAt = Instant.parse(text(json, "startedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("migration record: startedAt is not an ISO-8601 instant: " + json.path("startedAt"));
        }
        JsonNode previous = json.path("previousGcDeletes");
        return new MigrationRecord(text(json, "topic"), partitions.intValue(), text(json, "versionSource"),
                text(json, "targetIndex"), startedAt, previous.isTextual() ? previous.asText() : null);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("migration record: " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("migration record: " + name + " is required");
        }
    }
}
