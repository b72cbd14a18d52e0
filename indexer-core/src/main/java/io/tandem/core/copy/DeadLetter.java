package io.tandem.core.copy;

import io.tandem.core.source.SourceJson;
import java.util.Objects;

/**
 * A document whose copy failed for good, as every {@link DeadLetterSink} records it.
 *
 * @param id     the document id; {@code null} when a record failed before one was known (a parse failure)
 * @param index  the index it was to be written to
 * @param stage  where it failed
 * @param reason why, never blank (see {@link #NO_REASON})
 * @param source the document's source as it arrived (the engine's bytes, the record's value); {@code null} when
 *               there is none (a tombstone)
 * @param origin where it came from
 */
public record DeadLetter(String id, String index, FailureStage stage, String reason, SourceJson source, Origin origin) {

    /** The reason of a failure that came without one: a dead letter always says something. */
    public static final String NO_REASON = "(no reason given)";

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(origin, "origin");
        reason = reason == null || reason.isBlank() ? NO_REASON : reason;
    }

    /** Without the source, which can be large. */
    @Override
    public String toString() {
        return "DeadLetter[" + stage.label() + " " + index + "/" + id + " from " + origin.describe() + ": " + reason + "]";
    }
}
