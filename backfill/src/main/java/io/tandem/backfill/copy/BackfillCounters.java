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
    private final Counter bytes;

    public BackfillCounters(MeterRegistry registry) {
        Gauge.builder("tandem.backfill.total", total, AtomicLong::get)
                .description("documents to copy (this worker's share)").register(registry);
        read = registry.counter("tandem.backfill.read");
        written = registry.counter("tandem.backfill.written");
        stale = Counter.builder("tandem.backfill.stale").description("copies refused because the target holds a newer "
                + "version or a delete tombstone: harmless").register(registry);
        failed = registry.counter("tandem.backfill.failed");
        bytes = Counter.builder("tandem.backfill.read.bytes").baseUnit("bytes").register(registry);
    }

    public void total(long documents) {
        total.set(documents);
    }

    public void read(long sourceBytes) {
        read.increment();
        bytes.increment(sourceBytes);
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

    public Snapshot snapshot() {
        return new Snapshot(total.get(), (long) read.count(), (long) written.count(), (long) stale.count(),
                (long) failed.count(), (long) bytes.count());
    }

    /** The counts at one moment. */
    public record Snapshot(long total, long read, long written, long stale, long failed, long bytes) {

        /** Documents whose copy is settled: written, refused as stale, or dead-lettered. */
        public long settled() {
            return written + stale + failed;
        }
    }
}
