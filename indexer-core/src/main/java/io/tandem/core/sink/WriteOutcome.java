package io.tandem.core.sink;

/** How a write ended. Every write ends in one of these; a write that failed transiently is retried, not reported. */
public enum WriteOutcome {
    /** The engine now holds this version (for a delete: a tombstone at this version, even if the id never existed). */
    APPLIED,
    /**
     * The engine already held this version or a newer one (HTTP 409), so it kept its state: harmless, and the expected
     * result when the consumer and the backfill race, or when a write is replayed.
     */
    STALE,
    /** The engine refused the document itself (mapping, parsing, size): retrying cannot help. */
    REJECTED
}
