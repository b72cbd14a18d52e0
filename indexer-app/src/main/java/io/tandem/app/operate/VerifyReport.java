package io.tandem.app.operate;

import io.tandem.ops.verify.VerifyMode;
import io.tandem.ops.verify.VerifyResult;
import java.time.Duration;
import java.util.Locale;

/** A verification result as the operator reads it. */
final class VerifyReport {

    /** Field differences shown per mismatch. */
    private static final int DIFFERENCES_SHOWN = 5;

    private VerifyReport() {
    }

    /** @param shown how many mismatches to list, with their field-level differences */
    static String render(VerifyResult result, Duration settleDelay, int shown) {
        StringBuilder text = new StringBuilder();
        line(text, "Verification %s %s -> %s: %s", result.mode(), result.sourceIndex(), result.targetIndex(),
                result.passed() ? "PASSED" : "FAILED");
        line(text, "  counts      source %,d, target %,d%s", result.sourceCount(), result.targetCount(),
                result.countsMatch() ? " (equal)" : countDifference(result));
        line(text, "  compared    %,d documents in %.1f s", result.checked(),
                Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0);
        line(text, "  settled     %,d difference(s) gone when checked again after %s", result.settled(), settleDelay);
        line(text, "  missing     %,d", result.missing());
        line(text, "  extra       %,d", result.extra());
        line(text, "  different   %,d", result.different());
        result.mismatches().stream().limit(shown).forEach(m -> line(text, "  %s", m.describe(DIFFERENCES_SHOWN)));
        long more = result.missing() + result.extra() + result.different() - Math.min(shown, result.mismatches().size());
        if (more > 0) {
            line(text, "  ... %,d more mismatch(es)", more);
        }
        if (!result.countsMatch() && result.mode() == VerifyMode.SAMPLE
                && result.mismatches().isEmpty()) {
            line(text, "  the counts differ but the sample found no mismatch: run verify --full to find the ids");
        }
        result.repair().ifPresent(repair -> line(text, "  repair      %s; run verify again to confirm", repair.summary()));
        return text.toString();
    }

    private static String countDifference(VerifyResult result) {
        long by = result.targetCount() - result.sourceCount();
        // a full scan that found no id missing or extra compared both id sets: the counts moved with later writes
        return result.mode() == VerifyMode.FULL && result.missing() + result.extra() == 0
                ? " (differ by " + by + " at the recount: written since the scan, which compared every id both ways)"
                : " (DIFFER by " + by + ")";
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
