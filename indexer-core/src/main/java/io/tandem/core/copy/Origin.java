package io.tandem.core.copy;

import java.util.Objects;

/**
 * Where a document came from, as its source knows it: a Kafka record (topic, partition, offset), a backfill slice, a
 * repair, a dead-letter file. Opaque to the copy step; a {@link DeadLetterSink} that needs more (the Kafka topic
 * needs the original record) knows its own kind.
 */
public interface Origin {

    /** One line naming the origin, e.g. {@code commands-3@41} or {@code slice 2 of messages-v1}. */
    String describe();

    /** An origin that is only its description. */
    static Origin named(String description) {
        Objects.requireNonNull(description, "description");
        return () -> description;
    }
}
