package io.tandem.core.copy;

/**
 * A document's copy ended neither applied, stale nor dead-lettered: its write failed instead of reporting an outcome,
 * or its dead letter could not be recorded. Whoever fed the document stops without counting it done (the consumer
 * commits nothing past it, the backfill does not checkpoint its slice). A write the writer failed because it stopped
 * on a cluster condition completes with that {@link io.tandem.core.cluster.ClusterConditionException} instead.
 */
public final class CopyFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final boolean deadLetterLost;

    CopyFailedException(String what, boolean deadLetterLost, Throwable cause) {
        super(what + ": " + oneLine(cause), cause);
        this.what = what;
        this.deadLetterLost = deadLetterLost;
    }

    /** What failed, e.g. {@code its write failed}, {@code its dead letter could not be published to commands.dlq}. */
    public String what() {
        return what;
    }

    /** True when the document failed and its dead letter could not be recorded. */
    public boolean deadLetterLost() {
        return deadLetterLost;
    }

    /** The error's class and message on one line, for a log line that names a record. */
    public static String oneLine(Throwable error) {
        String message = error.getMessage() == null || error.getMessage().isBlank() ? error.toString()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
