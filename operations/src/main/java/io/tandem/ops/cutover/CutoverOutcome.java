package io.tandem.ops.cutover;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a cutover ended.
 *
 * @param kind     dry run, refused or switched
 * @param checks   the preconditions' verdicts
 * @param plan     what it planned (and, when switched, did)
 * @param entry    the journal entry (refused or switched); empty for a dry run
 * @param warnings steps after the switch that failed: the aliases moved, but these need a hand
 */
public record CutoverOutcome(Kind kind, List<CheckResult> checks, CutoverPlan plan, Optional<JournalEntry> entry,
                             List<String> warnings) {

    /** How it ended. */
    public enum Kind { DRY_RUN, REFUSED, SWITCHED }

    public CutoverOutcome {
        Objects.requireNonNull(kind, "kind");
        checks = List.copyOf(checks);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(entry, "entry");
        warnings = List.copyOf(warnings);
    }

    public List<CheckResult> failed() {
        return checks.stream().filter(CheckResult::failed).toList();
    }
}
