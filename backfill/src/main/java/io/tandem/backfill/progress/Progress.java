package io.tandem.backfill.progress;

import io.tandem.backfill.copy.BackfillCounters;
import java.io.PrintStream;
import java.util.Locale;

/** Shows how far the backfill is: a progress bar on a terminal, a log line every few seconds elsewhere. */
public interface Progress extends AutoCloseable {

    /** How progress is shown. */
    enum Mode { AUTO, BAR, LOG, NONE }

    /** Called periodically with the current counts. */
    void update(BackfillCounters.Snapshot snapshot);

    @Override
    void close();

    static Progress create(Mode mode, PrintStream out) {
        Mode chosen = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LOG) : mode;
        return switch (chosen) {
            case BAR -> new TerminalProgress();
            case LOG -> new LogProgress(out);
            case NONE, AUTO -> new Progress() {
                @Override
                public void update(BackfillCounters.Snapshot snapshot) {
                    // shown nowhere: the report at the end still gives every count
                }

                @Override
                public void close() {
                }
            };
        };
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f docs/s", perSecond);
    }
}
