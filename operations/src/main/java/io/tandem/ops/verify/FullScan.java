package io.tandem.ops.verify;

import io.tandem.core.source.ScrollSettings;
import io.tandem.core.source.SlicedScrollReader;
import io.tandem.core.source.SourceDocument;
import io.tandem.core.source.Throttle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares every document: the source is read with sliced scrolls, each page looked up in the target (missing and
 * different documents); the target is read the same way, each page's ids looked up in the source (extra documents),
 * where counting them is enough unless some are absent ({@link IndexProbe#absent}).
 * Slices of both run {@code concurrency} at a time, each page of either index waiting for the throttle before it is
 * handled (and the slice's next page read): a page of the source was read from it, a page of the target is looked up
 * in it. A slice that fails fails the scan: a partial
 * comparison must not pass for a full one.
 */
final class FullScan {

    private final ScrollSettings scroll;
    private final int concurrency;
    private final Throttle throttle;

    FullScan(ScrollSettings scroll, int concurrency, Throttle throttle) {
        this.scroll = scroll;
        this.concurrency = concurrency;
        this.throttle = throttle;
    }

    ScanFindings run(IndexProbe source, IndexProbe target, DocumentCheck check) throws InterruptedException {
        ScanFindings findings = new ScanFindings();
        SlicedScrollReader sourceReader = new SlicedScrollReader(source.client(), source.index(), scroll);
        SlicedScrollReader targetReader = new SlicedScrollReader(target.client(), target.index(), scroll);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "verify-slice");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Long>> slices = new ArrayList<>();
            // each index in its own slice count: one per shard of each by default
            for (int slice = 0; slice < Math.max(sourceReader.slices(), targetReader.slices()); slice++) {
                int s = slice;
                if (slice < sourceReader.slices()) {
                    slices.add(pool.submit(() -> sourceReader.readSlice(s, page -> {
                        throttle.acquire(page.size());
                        Map<String, StoredDocument> inTarget = target.get(page.stream().map(SourceDocument::id).toList());
                        for (SourceDocument document : page) {
                            findings.record(document.id(),
                                    check.compare(document.id(), stored(document), inTarget.get(document.id())));
                        }
                    })));
                }
                if (slice < targetReader.slices()) {
                    slices.add(pool.submit(() -> targetReader.readSlice(s, page -> {
                        throttle.acquire(page.size());
                        // present ones are compared by the source pass: only which are absent matters here
                        Set<String> notInSource = source.absent(page.stream().map(SourceDocument::id).toList());
                        for (SourceDocument document : page) {
                            if (notInSource.contains(document.id())) {
                                findings.record(document.id(), check.compare(document.id(), null, stored(document)));
                            }
                        }
                    })));
                }
            }
            for (Future<Long> slice : slices) {
                try {
                    slice.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("full verification failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return findings;
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoredDocument stored(SourceDocument document) {
        return new StoredDocument(document.id(), document.source(), document.version().orElse(-1), -1, -1);
    }
}
