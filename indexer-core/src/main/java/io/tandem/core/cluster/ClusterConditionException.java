package io.tandem.core.cluster;

import java.util.Objects;

/**
 * The cluster is in a {@link ClusterCondition} that nothing passes until someone changes the cluster or Tandem's
 * settings ({@link ClusterCondition.Response#STOP}), so the work was stopped rather than given up on: a write that
 * fails with this was not applied, and is not a fault of its document. Whoever holds such work stops without
 * committing past it (the consumer) or without checkpointing it (the backfill), so that a restart sends it again.
 */
public final class ClusterConditionException extends RuntimeException {

    private final ClusterCondition condition;
    private final String index;
    private final String reason;

    /**
     * @param condition what the cluster answered
     * @param index     the index (or alias) it was about, or {@code null} when unknown
     * @param reason    the engine's error as {@code "<type>: <reason>"}
     */
    public ClusterConditionException(ClusterCondition condition, String index, String reason) {
        super(condition.describe(index) + " [" + Objects.requireNonNull(reason, "reason") + "]");
        this.condition = condition;
        this.index = index;
        this.reason = reason;
    }

    private ClusterConditionException(ClusterConditionException first) {
        super(first.getMessage(), first);
        this.condition = first.condition;
        this.index = first.index;
        this.reason = first.reason;
    }

    public ClusterCondition condition() {
        return condition;
    }

    /** The index (or alias) the condition was reported for, or {@code null}. */
    public String index() {
        return index;
    }

    /** The engine's error as {@code "<type>: <reason>"}. */
    public String reason() {
        return reason;
    }

    /**
     * A new exception saying the same, caused by this one: for each further place that reports the same stop. One
     * instance thrown twice would break {@link Throwable#addSuppressed} (a try-with-resources whose body and
     * {@code close()} both report it).
     */
    public ClusterConditionException again() {
        return new ClusterConditionException(this);
    }
}
