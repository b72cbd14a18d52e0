package io.tandem.backfill.copy;

import io.tandem.core.copy.CopyFailedException;

/**
 * A document failed to copy and its dead letter could not be written either (a full disk, a directory that is not
 * writable), or its write failed instead of ending: the document would be in neither the target nor the dead
 * letters, so the slice fails and is not checkpointed, and the run ends FAILED with this reason.
 */
public final class DeadLetterLostException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    DeadLetterLostException(Throwable cause) {
        super((cause instanceof CopyFailedException failed && !failed.deadLetterLost()
                ? "a document's copy ended without an outcome, so the slice is not checkpointed: "
                : "a document that failed could not be dead-lettered, so the slice is not checkpointed: ")
                + cause.getMessage(), cause);
    }
}
