package io.tandem.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The transform the documents of a target index are written with, kept in the {@link StateStore} under
 * {@link #keyFor} by the first command that writes documents into it (the consumer or the backfill). Documents written
 * with two transforms make one index of two formats: the application's queries find only part of them, and a verify
 * with either transform reports the rest as different. So every later writer must use the same one, and a verify or a
 * parity run with another one would compare against a format nobody wrote.
 *
 * @param name    the transform's name ({@code --transform})
 * @param options its options ({@code --transform-option}), compared as a set of entries
 */
public record TransformRecord(String name, Map<String, String> options) {

    private static final String KEY_PREFIX = "transform/";

    public TransformRecord {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
    }

    /** The state key of the transform recorded for {@code targetIndex} (as the commands name it). */
    public static String keyFor(String targetIndex) {
        return KEY_PREFIX + targetIndex;
    }

    /**
     * Records this transform for {@code targetIndex} where none is recorded yet, and otherwise checks that it is the
     * recorded one: what a command that writes documents does before its first write.
     *
     * @throws IllegalStateException naming both transforms and the state key when they differ
     */
    public void recordOrCheck(StateStore state, String targetIndex) {
        if (!state.writeIfAbsent(keyFor(targetIndex), toJson())) {
            check(state, targetIndex);
        }
    }

    /**
     * Checks this transform against the one recorded for {@code targetIndex}, if any: what a command that reads the
     * documents in that format (verify, parity) does.
     *
     * @throws IllegalStateException naming both transforms and the state key when they differ
     */
    public void check(StateStore state, String targetIndex) {
        state.read(keyFor(targetIndex)).map(TransformRecord::fromJson).filter(recorded -> !recorded.equals(this))
                .ifPresent(recorded -> {
                    throw new IllegalStateException("the documents of " + targetIndex + " are written with transform "
                            + recorded + " (state key " + keyFor(targetIndex) + " in " + state.index() + "), this "
                            + "command was given " + this + ": give it the same --transform and --transform-option, or "
                            + "migrate with the new one into a new index");
                });
    }

    /** {@code tags-to-key-value {source=actions.tags, target=tags}}: the options sorted by key. */
    @Override
    public String toString() {
        return name + " " + new TreeMap<>(options);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("name", name);
        ObjectNode entries = json.putObject("options");
        new TreeMap<>(options).forEach(entries::put);
        return json;
    }

    static TransformRecord fromJson(JsonNode json) {
        Map<String, String> options = new TreeMap<>();
        json.path("options").properties().forEach(entry -> options.put(entry.getKey(), entry.getValue().asText()));
        return new TransformRecord(json.path("name").asText(), options);
    }
}
