package io.tandem.app.operate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.ops.cutover.AliasState;
import io.tandem.ops.cutover.CheckResult;
import io.tandem.ops.cutover.JournalEntry;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.BackfillProgress;
import io.tandem.core.state.MigrationRecord;
import io.tandem.ops.verify.VerifyResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Every phase of a migration on one screen, gathered at one moment: what the migration recorded when it started,
 * each cutover precondition (schema, backfill, lag, verification, parity) with what was measured, the aliases, and the
 * last cutover or rollback.
 *
 * @param newIndex     the migration's new index
 * @param stateIndex   where the state was read
 * @param checks       the preconditions as they stand (the lag measured once)
 * @param migration    what the consumer recorded when the migration started
 * @param gcDeletesNow the new index's explicit index.gc_deletes now, empty for the default
 * @param backfill     the backfill's progress
 * @param lag          the consumer group's lag
 * @param verify       the last verification
 * @param aliases      where the read and write aliases point
 * @param journal      the last cutover or rollback
 */
record StatusReport(String newIndex, String stateIndex, List<CheckResult> checks, Optional<MigrationRecord> migration,
                    Optional<String> gcDeletesNow, Optional<BackfillProgress> backfill, Optional<LagReport> lag,
                    Optional<VerifyResult> verify, AliasState aliases, Optional<JournalEntry> journal) {

    StatusReport {
        Objects.requireNonNull(newIndex, "newIndex");
        checks = List.copyOf(checks);
    }

    String render() {
        StringBuilder text = new StringBuilder();
        line(text, "Migration into %s (state index %s)", newIndex, stateIndex);
        line(text, "  started      %s", migration.map(m -> m.startedAt() + " replaying topic " + m.topic() + " ("
                + m.partitionCount() + " partitions), versions from " + m.versionSource())
                .orElse("not recorded (the indexer records it when it first starts)"));
        line(text, "  gc_deletes   now %s%s", gcDeletesNow.orElse("(default)"), migration
                .map(m -> "; before the migration " + m.previousGcDeletesSetting().orElse("(default)")).orElse(""));
        line(text, "Readiness for cutover:");
        checks.forEach(check -> line(text, "  %s", check));
        line(text, "Aliases        %s", aliases);
        line(text, "Last cutover   %s", journal.map(StatusReport::describe).orElse("none"));
        return text.toString();
    }

    private static String describe(JournalEntry entry) {
        return entry.action() + " " + entry.status() + " at " + entry.at() + " (" + entry.oldIndex() + " -> "
                + entry.newIndex() + ")" + entry.switchTime().map(took -> String.format(Locale.ROOT,
                ", _aliases took %.1f ms", took.toNanos() / 1e6)).orElse("");
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("newIndex", newIndex);
        json.put("stateIndex", stateIndex);
        ArrayNode list = json.putArray("checks");
        checks.forEach(c -> list.add(c.toJson()));
        json.set("migration", migration.map(MigrationRecord::toJson).orElse(null));
        json.put("gcDeletesNow", gcDeletesNow.orElse(null));
        json.set("backfill", backfill.map(BackfillProgress::toJson).orElse(null));
        json.set("lag", lag.map(LagReport::toJson).orElse(null));
        json.set("verify", verify.map(VerifyResult::toJson).orElse(null));
        json.set("aliases", aliases.toJson());
        json.set("lastCutover", journal.map(JournalEntry::toJson).orElse(null));
        return json;
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
