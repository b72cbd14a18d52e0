package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every cutover and rollback of one read alias, oldest first, in the state index under
 * {@code cutover-journal/<read alias>}. Entries are written before the aliases move and updated after, so that a
 * process that dies in between leaves a {@link JournalEntry.Status#STARTED} entry a rollback can still undo. Writers
 * hold the {@link CutoverLock} of the alias.
 */
public final class CutoverJournal {

    private static final String KEY_PREFIX = "cutover-journal/";

    private final StateStore state;
    private final String key;

    public CutoverJournal(StateStore state, String readAlias) {
        this.state = Objects.requireNonNull(state, "state");
        this.key = KEY_PREFIX + Objects.requireNonNull(readAlias, "readAlias");
    }

    public List<JournalEntry> entries() {
        List<JournalEntry> entries = new ArrayList<>();
        state.read(key).ifPresent(journal -> journal.path("entries").forEach(e -> entries.add(JournalEntry.fromJson(e))));
        return entries;
    }

    /** The latest entry, if any. */
    public Optional<JournalEntry> latest() {
        List<JournalEntry> entries = entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** The latest cutover a rollback can undo: switched, or started and never finished, and not rolled back yet. */
    public Optional<JournalEntry> lastUndoable() {
        List<JournalEntry> entries = entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry entry = entries.get(i);
            if (entry.action() == JournalEntry.Action.CUTOVER && entry.status() != JournalEntry.Status.REFUSED
                    && entry.status() != JournalEntry.Status.FAILED) {
                return entry.undoable() ? Optional.of(entry) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Adds the entry, or replaces the one with its id. */
    public void record(JournalEntry entry) {
        List<JournalEntry> entries = entries();
        entries.removeIf(e -> e.id().equals(entry.id()));
        entries.add(entry);
        entries.sort(Comparator.comparing(JournalEntry::at));
        ObjectNode journal = JsonMappers.PLAIN.createObjectNode();
        ArrayNode list = journal.putArray("entries");
        entries.forEach(e -> list.add(e.toJson()));
        state.write(key, journal);
    }

    /** The whole journal as stored, for {@code --json} output. */
    public JsonNode toJson() {
        return state.read(key).map(JsonNode.class::cast).orElseGet(() -> {
            ObjectNode empty = JsonMappers.PLAIN.createObjectNode();
            empty.putArray("entries");
            return empty;
        });
    }
}
