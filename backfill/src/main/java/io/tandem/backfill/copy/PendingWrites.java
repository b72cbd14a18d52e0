package io.tandem.backfill.copy;

import io.tandem.core.cluster.ClusterConditionException;

/**
 * One slice's writes still in flight, and what became of them: the slice is checkpointed only once every copy is
 * settled, with the number that went to the dead letters; a copy whose failure could not be recorded fails the slice.
 */
final class PendingWrites {

    private long pending;
    private long failed;
    private Throwable unrecorded;
    private ClusterConditionException stop;

    synchronized void add() {
        pending++;
    }

    synchronized void done() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    /** A copy failed and its dead letter was written. */
    synchronized void failed() {
        failed++;
    }

    /**
     * A copy ended neither written, stale nor dead-lettered (its dead letter could not be written, its write failed
     * instead of ending): the document is nowhere, the slice must fail.
     */
    synchronized void unrecorded(Throwable error) {
        if (unrecorded == null) {
            unrecorded = error;
        }
    }

    /** A copy was not applied because the writer stopped on a cluster condition: the slice must fail. */
    synchronized void stopped(ClusterConditionException condition) {
        if (stop == null) {
            stop = condition;
        }
    }

    /**
     * Waits until every write is settled.
     *
     * @return how many of the slice's copies went to the dead letters
     * @throws ClusterConditionException when a copy was not applied because the writer stopped
     * @throws DeadLetterLostException when a copy ended without an outcome, e.g. its dead letter could not be written
     */
    synchronized long awaitNone() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
        if (stop != null) {
            throw stop.again();
        }
        if (unrecorded != null) {
            throw new DeadLetterLostException(unrecorded);
        }
        return failed;
    }
}
