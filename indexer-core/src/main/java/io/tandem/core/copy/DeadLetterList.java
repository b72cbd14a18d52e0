package io.tandem.core.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Dead letters kept in memory, for a caller that reports them itself: verify's repair. */
public final class DeadLetterList implements DeadLetterSink {

    private final List<DeadLetter> letters = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> record(DeadLetter letter) {
        letters.add(letter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {
        // nothing is queued
    }

    @Override
    public String destination() {
        return "kept in memory";
    }

    /** The letters so far, in the order they were recorded. */
    public synchronized List<DeadLetter> letters() {
        return List.copyOf(letters);
    }
}
