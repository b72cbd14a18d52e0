package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.schema.ContractResult;
import io.tandem.core.schema.MappingDifference;
import io.tandem.core.state.BackfillProgress;
import io.tandem.ops.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The verdict of each precondition from the facts gathered for it: no I/O here. */
public final class PreconditionRules {

    /** Differences of a drifted mapping named in the verdict; the rest are counted. */
    private static final int SHOWN_DIFFERENCES = 3;

    private PreconditionRules() {
    }

    /**
     * Same cluster: the read and write aliases may point only at the old or the new index (anything else would be
     * moved too, silently), and the old index must exist. Cross cluster: whatever the aliases are on the new
     * cluster, they move to the new index; reported for the record.
     */
    public static CheckResult aliases(CutoverMode mode, AliasState before, boolean oldIndexExists, String oldIndex,
                                      String newIndex) {
        if (!oldIndexExists) {
            return CheckResult.fail(Precondition.ALIASES, "the old index " + oldIndex + " does not exist"
                    + (mode == CutoverMode.SAME_CLUSTER ? " on the cluster" : " on the old cluster")
                    + " (as an index: name the index, not an alias of it)");
        }
        if (mode == CutoverMode.SAME_CLUSTER) {
            Set<String> elsewhere = before.bindings().stream().map(AliasBinding::index)
                    .filter(index -> !index.equals(oldIndex) && !index.equals(newIndex))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!elsewhere.isEmpty()) {
                return CheckResult.fail(Precondition.ALIASES, "they also point at " + elsewhere + ", neither the old nor "
                        + "the new index: " + before);
            }
        }
        return CheckResult.pass(Precondition.ALIASES, before.toString());
    }

    public static CheckResult mapping(ContractResult contract, String contractFile) {
        if (!contract.exists()) {
            return CheckResult.fail(Precondition.MAPPING, "index " + contract.index() + " does not exist");
        }
        // ContractResult.matches() is the one rule (as at the indexer's start and in schema check): fields dynamic
        // mapping added where the contract allows it are shown, but pass
        if (contract.matches()) {
            List<MappingDifference> allowed = contract.dynamicFields();
            return CheckResult.pass(Precondition.MAPPING, contract.index() + " keeps the contract " + contractFile
                    + (allowed.isEmpty() ? "" : "; " + allowed.size() + " field(s) added by dynamic mapping, allowed by "
                    + "the contract: " + shown(allowed)));
        }
        return CheckResult.fail(Precondition.MAPPING, contract.differences().size() + " difference(s) from "
                + contractFile + ": " + shown(contract.differences()));
    }

    /** The first few, then how many more. */
    private static String shown(List<MappingDifference> differences) {
        int more = differences.size() - SHOWN_DIFFERENCES;
        return differences.stream().limit(SHOWN_DIFFERENCES).map(MappingDifference::toString)
                .collect(Collectors.joining("; ")) + (more > 0 ? "; ... " + more + " more" : "");
    }

    public static CheckResult backfill(Optional<BackfillProgress> progress, String newIndex) {
        if (progress.isEmpty()) {
            return CheckResult.fail(Precondition.BACKFILL, "no backfill into " + newIndex + " is recorded in the state "
                    + "index (a scroll backfill records its plan when it starts)");
        }
        BackfillProgress backfill = progress.get();
        return backfill.finished() ? CheckResult.pass(Precondition.BACKFILL, backfill.summary())
                : CheckResult.fail(Precondition.BACKFILL, backfill.summary());
    }

    public static CheckResult verify(Optional<VerifyResult> last, String newIndex, Instant now, Duration maxAge) {
        if (last.isEmpty()) {
            return CheckResult.fail(Precondition.VERIFY, "no verification of " + newIndex + " is stored: run verify");
        }
        VerifyResult result = last.get();
        String what = result.mode() + " verification " + result.sourceIndex() + " -> " + result.targetIndex() + " "
                + age(result.finishedAt(), now) + ": " + result.checked() + " compared, counts " + result.sourceCount()
                + "/" + result.targetCount();
        if (!result.passed()) {
            return CheckResult.fail(Precondition.VERIFY, what + ", " + result.missing() + " missing, " + result.extra()
                    + " extra, " + result.different() + " different");
        }
        if (Duration.between(result.finishedAt(), now).compareTo(maxAge) > 0) {
            return CheckResult.fail(Precondition.VERIFY, what + ": passed, but longer ago than " + maxAge);
        }
        return CheckResult.pass(Precondition.VERIFY, what + ", nothing differs");
    }

    /**
     * The query-parity record that the parity command stores: {@code {"passed":true,"finishedAt":"<ISO instant>",
     * "queries":120,"failed":0}}.
     */
    public static CheckResult parity(Optional<? extends JsonNode> record, String key, Instant now, Duration maxAge) {
        if (record.isEmpty()) {
            return CheckResult.fail(Precondition.PARITY, "no query-parity result is stored under " + key + ": run parity");
        }
        JsonNode json = record.get();
        Instant finished;
        try {
            finished = Instant.parse(json.path("finishedAt").asText(""));
        } catch (DateTimeParseException e) {
            return CheckResult.fail(Precondition.PARITY, "the result under " + key + " has no finishedAt time: " + json);
        }
        if (!json.path("passed").isBoolean()) {
            return CheckResult.fail(Precondition.PARITY, "the result under " + key + " has no passed flag: " + json);
        }
        String what = "query parity " + age(finished, now) + ": " + json.path("queries").asLong() + " queries, "
                + json.path("failed").asLong() + " failed";
        if (!json.path("passed").asBoolean()) {
            return CheckResult.fail(Precondition.PARITY, what);
        }
        if (Duration.between(finished, now).compareTo(maxAge) > 0) {
            return CheckResult.fail(Precondition.PARITY, what + ": passed, but longer ago than " + maxAge);
        }
        return CheckResult.pass(Precondition.PARITY, what);
    }

    /** {@code 12 min ago}, {@code 3 h ago}, {@code 40 s ago}. */
    static String age(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return "at " + then;
        }
        if (age.toHours() >= 1) {
            return String.format(Locale.ROOT, "%d h %d min ago", age.toHours(), age.toMinutesPart());
        }
        if (age.toMinutes() >= 1) {
            return age.toMinutes() + " min ago";
        }
        return age.toSeconds() + " s ago";
    }
}
