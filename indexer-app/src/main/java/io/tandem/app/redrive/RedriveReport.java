package io.tandem.app.redrive;

import java.util.Locale;

/**
 * What a re-drive did.
 *
 * @param read        dead letters read
 * @param written     documents the target holds now
 * @param stale       documents the target already held newer (or deleted): harmless
 * @param failedAgain documents that failed again, recorded in the new dead-letter sink
 * @param failure     why the re-drive stopped before every document had one of those outcomes, or null
 */
public record RedriveReport(long read, long written, long stale, long failedAgain, String failure) {

    /** Every document written or stale. */
    public boolean succeeded() {
        return failure == null && failedAgain == 0;
    }

    /** The report as printed; {@code deadLetters} names where the documents that failed again are. */
    public String render(String title, Object deadLetters) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(": ").append(succeeded() ? "COMPLETED" : "FAILED").append('\n');
        out.append(String.format(Locale.ROOT, "  documents    %,d read, %,d written, %,d stale, %,d failed again%n",
                read, written, stale, failedAgain));
        out.append("  dead letters ").append(failedAgain == 0 ? "none" : failedAgain + ", in " + deadLetters)
                .append('\n');
        if (failure != null) {
            out.append("  stopped: ").append(failure).append('\n')
                    .append("  fix the cause and re-drive the same dead letters again: writes are idempotent\n");
        }
        return out.toString();
    }
}
