package io.tandem.backfill.copy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The backfill's counts, as Micrometer meters (served at /metrics when asked) and as numbers for the report. */
public final class BackfillCounters {

    private final AtomicLong total = new AtomicLong();
    private final Counter read;
    private final Counter written;
    private final Counter stale;
    private final Counter failed;
    private final Counter slicesReadAgain;
    /** Bytes of the _bulk bodies the writer sent: measured there, where the documents are serialized anyway. */
    private final io.micrometer.core.instrument.search.Search bulkBytes;
    /** Writes the writer sent again after the target refused them for a while (429, 5xx): its own meter. */
    private final io.micrometer.core.instrument.search.Search retries;

    public BackfillCounters(MeterRegistry registry) {
        // not "tandem.backfill.total": Prometheus reserves _total for counters and would expose the gauge as "tandem_backfill"
        Gauge.builder("tandem.backfill.documents", total, AtomicLong::get)
                .description("documents to copy (this worker's share)").register(registry);
        read = registry.counter("tandem.backfill.read");
        written = registry.counter("tandem.backfill.written");
        stale = Counter.builder("tandem.backfill.stale").description("copies refused because the target holds a newer "
                + "version or a delete tombstone: harmless").register(registry);
        failed = registry.counter("tandem.backfill.failed");
        slicesReadAgain = Counter.builder("tandem.backfill.slices.read.again").description("slices read again in "
                + "their chunks not finished, within the run: a scroll that expired (e.g. during a source outage), failed shards")
                .register(registry);
        bulkBytes = registry.find("tandem.backfill.sink.bulk.bytes");
        retries = registry.find("tandem.backfill.sink.retries");
    }

    public void total(long documents) {
        total.set(documents);
    }

    public void read() {
        read.increment();
    }

    public void written() {
        written.increment();
    }

    public void stale() {
        stale.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void sliceReadAgain() {
        slicesReadAgain.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(total.get(), (long) read.count(), (long) written.count(), (long) stale.count(),
                (long) failed.count(), bulkBytes.summaries().stream().mapToLong(s -> (long) s.totalAmount()).sum(),
                (long) slicesReadAgain.count(), retries.counters().stream().mapToLong(c -> (long) c.count()).sum());
    }

    /** The counts at one moment; bytes are those of the _bulk bodies sent, retries the writes sent again. */
    public record Snapshot(long total, long read, long written, long stale, long failed, long bytes,
                           long slicesReadAgain, long retries) {

        /** Documents whose copy is settled: written, refused as stale, or dead-lettered. */
        public long settled() {
            return written + stale + failed;
        }
    }
}
