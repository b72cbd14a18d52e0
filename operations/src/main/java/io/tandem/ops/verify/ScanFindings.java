package io.tandem.ops.verify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a first pass over the two indices found: how many ids it compared, and which disagreed then (suspects, to be
 * checked again once writes in flight have settled). Thread-safe: the slices of a full scan record into one.
 */
final class ScanFindings {

    private final AtomicLong checked = new AtomicLong();
    private final Map<String, Mismatch> suspects = new ConcurrentHashMap<>();

    void record(String id, Optional<Mismatch> mismatch) {
        checked.incrementAndGet();
        mismatch.ifPresent(m -> suspects.putIfAbsent(id, m));
    }

    long checked() {
        return checked.get();
    }

    /** Suspect ids with the first mismatch seen for each. */
    Map<String, Mismatch> suspects() {
        return Map.copyOf(suspects);
    }
}
