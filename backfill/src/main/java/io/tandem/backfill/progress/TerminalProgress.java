package io.tandem.backfill.progress;

import io.tandem.backfill.copy.BackfillCounters;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar of settled copies, with docs/s and ETA. */
final class TerminalProgress implements Progress {

    private final ProgressBar bar = new ProgressBarBuilder().setTaskName("backfill").setInitialMax(-1)
            .setUnit(" docs", 1).showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).build();

    @Override
    public void update(BackfillCounters.Snapshot snapshot) {
        if (bar.getMax() != snapshot.total()) {
            bar.maxHint(snapshot.total());
        }
        bar.stepTo(snapshot.settled());
        bar.setExtraMessage(snapshot.stale() + " stale, " + snapshot.failed() + " failed");
    }

    @Override
    public void close() {
        bar.close();
    }
}
