package io.tandem.core.copy;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a document's copy failed, for every source: the consumer's commands, the backfill's scroll slices, verify's
 * repair and a re-drive. Its {@link #label()} is what the dead letters carry (the Kafka header
 * {@code tandem.dlq.stage}, the NDJSON field {@code stage}).
 */
public enum FailureStage {
    /** The record is not a command (consumer, re-drive of the dead-letter topic). */
    PARSE,
    /** The document transform refused the document. */
    TRANSFORM,
    /** The version rule found no usable version in the document (backfill, repair, re-drive of the file). */
    VERSION,
    /** The target refused the document itself for good (mapping, parsing, size); never a cluster condition. */
    WRITE;

    /** The stage as dead letters spell it: {@code parse}, {@code transform}, {@code version}, {@code write}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a label that is no stage */
    public static FailureStage ofLabel(String label) {
        return Arrays.stream(values()).filter(stage -> stage.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dead-letter stage '" + label + "'"));
    }
}
