package io.tandem.backfill.progress;

import io.tandem.backfill.copy.BackfillCounters;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A line every few seconds (the job decides how often), for logs that are not a terminal. */
final class LogProgress implements Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    LogProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(BackfillCounters.Snapshot s) {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = s.settled() / seconds;
        String eta = rate > 0 && s.total() > s.settled()
                ? formatDuration(Duration.ofSeconds((long) ((s.total() - s.settled()) / rate))) : "-";
        out.printf(Locale.ROOT, "backfill: %,d/%,d copied (%.1f%%), %,d stale, %,d failed, %s, ETA %s%n", s.settled(),
                s.total(), s.total() == 0 ? 100.0 : 100.0 * s.settled() / s.total(), s.stale(), s.failed(),
                Progress.rate(rate), eta);
    }

    static String formatDuration(Duration d) {
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        // nothing held
    }
}
