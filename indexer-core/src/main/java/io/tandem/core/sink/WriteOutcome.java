package io.tandem.core.sink;

/**
 * How a write ended. Every write ends in one of these, unless the writer stops on a cluster condition (its future
 * then completes exceptionally with a {@link io.tandem.core.cluster.ClusterConditionException}); a write refused for
 * a reason that may pass is retried, not reported. What the engine says about the cluster (a blocked, closed or
 * missing index, overload, no privilege) is never an outcome of a write.
 */
public enum WriteOutcome {
    /** The engine now holds this version (for a delete: a tombstone at this version, even if the id never existed). */
    APPLIED,
    /**
     * The engine already held this version or a newer one (HTTP 409), so it kept its state: harmless, and the expected
     * result when the consumer and the backfill race, or when a write is replayed.
     */
    STALE,
    /**
     * The engine refused the document itself (mapping, parsing, an immense term, a request the engine finds invalid
     * because of this write): retrying cannot help.
     */
    REJECTED
}
