package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes the target index for a bulk load while the backfill runs ({@link TuningSettings}), and puts the index back as
 * it was afterwards, even when the job that tuned it was killed.
 *
 * <p>The original values are saved in the {@link StateStore}, on the target cluster, under {@code tuning/<index>},
 * <em>before</em> the index is changed, and the save is deleted only after they are back. So whatever moment a job
 * dies at, the save holds the true originals: a restarted job's {@link #apply} keeps it (the index it sees is already
 * tuned), and {@link #restore} can run any number of times.
 *
 * <p>Values are read with {@code GET /<index>/_settings?flat_settings=true}, which lists explicit values only: a
 * setting absent there has the engine default, saved as {@code null}, and restored by setting it to {@code null},
 * which resets it to the default rather than pinning today's default value.
 *
 * <p>Replicas and {@code index.auto_expand_replicas}: while auto-expansion is on, the engine overrides
 * {@code number_of_replicas} with its own count, so tuning replicas also saves it and sets it to {@code false};
 * restore puts both back.
 *
 * <p>One job per index: two jobs tuning the same index at once would each believe the tuning is theirs to undo.
 */
public final class BulkLoadTuning {

    static final String AUTO_EXPAND_REPLICAS = "index.auto_expand_replicas";

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoadTuning.class);
    private static final String KEY_PREFIX = "tuning/";
    private static final String SETTINGS_FIELD = "settings";

    private final RestClient target;
    private final StateStore state;

    public BulkLoadTuning(RestClient target, StateStore state) {
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * Saves the index's current values of the tuned settings in the state store under {@code tuning/<index>} — unless
     * a save exists already (a previous run was killed before restoring: its save holds the true originals) — then
     * applies the tuning.
     *
     * @param index an index, or an alias of exactly one index
     * @return the settings that changed, in a fixed order; empty when the index was tuned already
     */
    public List<SettingChange> apply(String index, TuningSettings tuning) {
        Objects.requireNonNull(tuning, "tuning");
        Map<String, String> wanted = tuning.asSettings();
        if (wanted.isEmpty()) {
            return List.of();
        }
        ObjectNode current = currentSettings(index);
        if (wanted.containsKey(TuningSettings.REPLICAS) && autoExpands(current)) {
            Map<String, String> withAutoExpand = new LinkedHashMap<>();
            withAutoExpand.put(AUTO_EXPAND_REPLICAS, "false");
            withAutoExpand.putAll(wanted);
            wanted = withAutoExpand;
        }
        save(index, wanted, current);
        List<SettingChange> changes = new ArrayList<>();
        wanted.forEach((setting, after) -> {
            String before = value(current, setting);
            if (!after.equals(before)) {
                changes.add(new SettingChange(setting, before, after));
            }
        });
        put(index, changes);
        changes.forEach(change -> LOG.info("{} tuned for the bulk load: {}", index, change));
        return List.copyOf(changes);
    }

    /**
     * Puts the saved values back (a setting that had no explicit value is reset to the default with {@code null}) and
     * deletes the save. Idempotent.
     *
     * @return the settings that changed; empty when nothing is saved
     */
    public List<SettingChange> restore(String index) {
        Optional<ObjectNode> saved = state.read(key(index));
        if (saved.isEmpty()) {
            return List.of();
        }
        ObjectNode current = currentSettings(index);
        List<SettingChange> changes = new ArrayList<>();
        saved.get().path(SETTINGS_FIELD).properties().forEach(field -> {
            String before = value(current, field.getKey());
            String after = field.getValue().isNull() ? null : field.getValue().asText();
            if (!Objects.equals(before, after)) {
                changes.add(new SettingChange(field.getKey(), before, after));
            }
        });
        put(index, changes);
        // only once the values are back: a job dying before this line leaves the save for the next restore
        state.delete(key(index));
        changes.forEach(change -> LOG.info("{} restored after the bulk load: {}", index, change));
        return List.copyOf(changes);
    }

    /** True while a save exists (a job is running, or died without restoring). */
    public boolean isTuned(String index) {
        return state.read(key(index)).isPresent();
    }

    /**
     * Saves the current values of {@code wanted}'s settings, keeping any value saved before: that one is the original,
     * and the index may show a tuned value now. A setting not saved before (a restarted job tuning more) is added.
     */
    private void save(String index, Map<String, String> wanted, ObjectNode current) {
        ObjectNode originals = JsonMappers.PLAIN.createObjectNode();
        wanted.keySet().forEach(setting -> originals.put(setting, value(current, setting)));
        if (state.writeIfAbsent(key(index), record(index, originals))) {
            return;
        }
        ObjectNode saved = state.read(key(index))
                .orElseThrow(() -> new IllegalStateException("the tuning save of " + index + " vanished while read"));
        ObjectNode merged = saved.path(SETTINGS_FIELD).isObject()
                ? (ObjectNode) saved.path(SETTINGS_FIELD).deepCopy() : JsonMappers.PLAIN.createObjectNode();
        boolean added = false;
        for (Map.Entry<String, JsonNode> original : originals.properties()) {
            if (!merged.has(original.getKey())) {
                merged.set(original.getKey(), original.getValue());
                added = true;
            }
        }
        if (added) {
            state.write(key(index), record(index, merged));
        }
        LOG.info("{} has a tuning save from a run that did not restore it; keeping its original values", index);
    }

    private static ObjectNode record(String index, ObjectNode settings) {
        ObjectNode record = JsonMappers.PLAIN.createObjectNode();
        record.put("index", index);
        record.put("savedAt", Instant.now().toString());
        record.set(SETTINGS_FIELD, settings);
        return record;
    }

    /** The explicit settings of the one index {@code index} names. */
    private ObjectNode currentSettings(String index) {
        Reply reply = EngineCall.send(target, "GET", "/" + EngineCall.segment(index) + "/_settings?flat_settings=true", null);
        JsonNode settings = reply.oneIndex(index, "a tuning is saved and restored for one concrete index").getValue()
                .path(SETTINGS_FIELD);
        return settings.isObject() ? (ObjectNode) settings : JsonMappers.PLAIN.createObjectNode();
    }

    private void put(String index, List<SettingChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        changes.forEach(change -> body.put(change.setting(), change.after())); // null resets to the default
        Reply reply = EngineCall.send(target, "PUT", "/" + EngineCall.segment(index) + "/_settings", body);
        if (!reply.ok()) {
            throw reply.refused();
        }
        if (!reply.body().path("acknowledged").asBoolean(false)) {
            throw new IllegalStateException(reply.request() + ": the cluster did not acknowledge " + body + " in time");
        }
    }

    private static boolean autoExpands(ObjectNode settings) {
        String autoExpand = value(settings, AUTO_EXPAND_REPLICAS);
        return autoExpand != null && !autoExpand.equals("false");
    }

    /** The explicit value, or {@code null} for the engine default. */
    private static String value(ObjectNode settings, String setting) {
        JsonNode value = settings.get(setting);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String key(String index) {
        Objects.requireNonNull(index, "index");
        return KEY_PREFIX + index;
    }
}
