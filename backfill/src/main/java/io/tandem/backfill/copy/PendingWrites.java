package io.tandem.backfill.copy;

/** Counts one slice's writes still in flight, so the slice is checkpointed only once every copy is settled. */
final class PendingWrites {

    private long pending;

    synchronized void add() {
        pending++;
    }

    synchronized void done() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    synchronized void awaitNone() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }
}
