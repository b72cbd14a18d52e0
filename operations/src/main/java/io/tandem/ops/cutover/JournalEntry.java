package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cutover or rollback in the journal: when, what the checks said, where the aliases pointed before and after,
 * the exact actions sent, how long the switch took, and which settings changed.
 *
 * @param id         unique within the journal
 * @param action     a cutover or a rollback
 * @param status     how far it got
 * @param at         when it started
 * @param mode       same cluster or cross cluster
 * @param oldIndex   the index the aliases left (cutover) or return to (rollback)
 * @param newIndex   the migration's new index
 * @param readAlias  the read alias (also the journal's key)
 * @param writeAlias the write alias (the read alias when there is one alias)
 * @param checks     the preconditions' verdicts (none for a rollback)
 * @param before     where the aliases pointed before
 * @param after      where they pointed after, once switched
 * @param actions    the {@code _aliases} actions sent (or that would have been)
 * @param switchTime how long the {@code _aliases} request took, once switched
 * @param changes    settings changed after the switch
 * @param note       anything else an operator should know (a step that failed after the switch), or {@code null}
 */
public record JournalEntry(String id, Action action, Status status, Instant at, CutoverMode mode, String oldIndex,
                           String newIndex, String readAlias, String writeAlias, List<CheckResult> checks,
                           AliasState before, Optional<AliasState> after, ArrayNode actions,
                           Optional<Duration> switchTime, List<IndexSettingChange> changes, String note) {

    /** What the entry records. */
    public enum Action { CUTOVER, ROLLBACK }

    /** How far it got. */
    public enum Status {
        /** A precondition failed: nothing was changed. */
        REFUSED,
        /** About to switch; an entry left in this state means the process ended before it knew the outcome. */
        STARTED,
        /** The engine refused the alias request: nothing was changed. */
        FAILED,
        /** The aliases were switched. */
        SWITCHED,
        /** A switched cutover that a rollback has undone. */
        ROLLED_BACK
    }

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(oldIndex, "oldIndex");
        Objects.requireNonNull(newIndex, "newIndex");
        Objects.requireNonNull(readAlias, "readAlias");
        Objects.requireNonNull(writeAlias, "writeAlias");
        checks = List.copyOf(checks);
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        actions = actions.deepCopy();
        Objects.requireNonNull(switchTime, "switchTime");
        changes = List.copyOf(changes);
    }

    @Override
    public ArrayNode actions() {
        return actions.deepCopy();
    }

    /** The same entry at a later stage. */
    JournalEntry with(Status newStatus, Optional<AliasState> newAfter, Optional<Duration> took,
                      List<IndexSettingChange> newChanges, String newNote) {
        return new JournalEntry(id, action, newStatus, at, mode, oldIndex, newIndex, readAlias, writeAlias, checks,
                before, newAfter, actions, took, newChanges, newNote);
    }

    JournalEntry withStatus(Status newStatus) {
        return with(newStatus, after, switchTime, changes, note);
    }

    /** A cutover whose aliases may have moved, so that a rollback has something to undo. */
    boolean undoable() {
        return action == Action.CUTOVER && (status == Status.SWITCHED || status == Status.STARTED);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("id", id);
        json.put("action", action.name());
        json.put("status", status.name());
        json.put("at", at.toString());
        json.put("mode", mode.name());
        json.put("oldIndex", oldIndex);
        json.put("newIndex", newIndex);
        json.put("readAlias", readAlias);
        json.put("writeAlias", writeAlias);
        ArrayNode checkList = json.putArray("checks");
        checks.forEach(c -> checkList.add(c.toJson()));
        json.set("before", before.toJson());
        json.set("after", after.map(AliasState::toJson).orElse(null));
        json.set("actions", actions.deepCopy());
        if (switchTime.isPresent()) {
            json.put("switchMillis", switchTime.get().toNanos() / 1e6);
        } else {
            json.putNull("switchMillis");
        }
        ArrayNode changeList = json.putArray("changes");
        changes.forEach(c -> changeList.add(c.toJson()));
        json.put("note", note);
        return json;
    }

    static JournalEntry fromJson(JsonNode json) {
        try {
            List<CheckResult> checks = new ArrayList<>();
            json.path("checks").forEach(c -> checks.add(CheckResult.fromJson(c)));
            List<IndexSettingChange> changes = new ArrayList<>();
            json.path("changes").forEach(c -> changes.add(IndexSettingChange.fromJson(c)));
            JsonNode after = json.path("after");
            JsonNode millis = json.path("switchMillis");
            JsonNode actions = json.path("actions");
            return new JournalEntry(json.path("id").asText(), Action.valueOf(json.path("action").asText()),
                    Status.valueOf(json.path("status").asText()), Instant.parse(json.path("at").asText()),
                    CutoverMode.valueOf(json.path("mode").asText()), json.path("oldIndex").asText(),
                    json.path("newIndex").asText(), json.path("readAlias").asText(), json.path("writeAlias").asText(),
                    checks, AliasState.fromJson(json.path("before")),
                    after.isArray() ? Optional.of(AliasState.fromJson(after)) : Optional.empty(),
                    actions.isArray() ? (ArrayNode) actions : JsonMappers.PLAIN.createArrayNode(),
                    millis.isNumber() ? Optional.of(Duration.ofNanos(Math.round(millis.asDouble() * 1e6)))
                            : Optional.empty(),
                    changes, json.path("note").isTextual() ? json.path("note").asText() : null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalStateException("unreadable cutover journal entry (" + e.getMessage() + "): " + json);
        }
    }
}
