package io.tandem.ops.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verification found, kept in the state index under {@link #keyFor} (the target index) so that the cutover
 * and the status can read the last one.
 *
 * @param sourceIndex          the old index
 * @param targetIndex          the new index
 * @param mode                 sample or full
 * @param startedAt            when the verification started
 * @param finishedAt           when it finished
 * @param sourceCount          documents in the source (at the recount, when the first counts differed)
 * @param targetCount          documents in the target, counted with the source
 * @param checked              ids compared
 * @param settled              mismatches seen at first that were gone when checked again after the settle delay
 * @param missing              persistent missing documents
 * @param extra                persistent extra documents
 * @param different            persistent different documents
 * @param mismatches           the persistent mismatches, by kind then id; read back from the state index, only the
 *                             first {@value #STORED_MISMATCHES}
 * @param repair               what {@code --repair} did about them, if it ran
 */
public record VerifyResult(String sourceIndex, String targetIndex, VerifyMode mode, Instant startedAt,
                           Instant finishedAt, long sourceCount, long targetCount, long checked, long settled,
                           long missing, long extra, long different, List<Mismatch> mismatches,
                           Optional<RepairResult> repair) {

    /** Mismatches kept in the state index: enough to start from, small enough for one state document. */
    public static final int STORED_MISMATCHES = 100;

    private static final String KEY_PREFIX = "verify/";

    public VerifyResult {
        Objects.requireNonNull(sourceIndex, "sourceIndex");
        Objects.requireNonNull(targetIndex, "targetIndex");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        mismatches = List.copyOf(mismatches);
        Objects.requireNonNull(repair, "repair");
    }

    /** A result whose counts of each kind are those of {@code mismatches}, sorted by kind then id. */
    static VerifyResult of(String sourceIndex, String targetIndex, VerifyMode mode, Instant startedAt,
                           Instant finishedAt, long sourceCount, long targetCount, long checked, long settled,
                           List<Mismatch> mismatches) {
        List<Mismatch> sorted = mismatches.stream()
                .sorted(Comparator.comparing(Mismatch::kind).thenComparing(Mismatch::id)).toList();
        return new VerifyResult(sourceIndex, targetIndex, mode, startedAt, finishedAt, sourceCount, targetCount,
                checked, settled, count(sorted, MismatchKind.MISSING), count(sorted, MismatchKind.EXTRA),
                count(sorted, MismatchKind.DIFFERENT), sorted, Optional.empty());
    }

    public VerifyResult withRepair(RepairResult done) {
        return new VerifyResult(sourceIndex, targetIndex, mode, startedAt, finishedAt, sourceCount, targetCount,
                checked, settled, missing, extra, different, mismatches, Optional.of(done));
    }

    public boolean countsMatch() {
        return sourceCount == targetCount;
    }

    /**
     * Nothing persistent differed: no missing, extra or different document, and, for a sample, equal counts. A full
     * verification compared both id sets, which proves more than two counts taken at one instant: under writes that
     * never pause the counts of two indices a consumer lag apart are rarely equal at any instant, and a difference
     * there is documents written since the scan read them.
     */
    public boolean passed() {
        return (mode == VerifyMode.FULL || countsMatch()) && missing + extra + different == 0;
    }

    public static String keyFor(String targetIndex) {
        return KEY_PREFIX + targetIndex;
    }

    /** Stores this result as the last verification of its target index. */
    public void save(StateStore state) {
        state.write(keyFor(targetIndex), toJson());
    }

    /** The last verification of {@code targetIndex}, if any was stored. */
    public static Optional<VerifyResult> latest(StateStore state, String targetIndex) {
        return state.read(keyFor(targetIndex)).map(VerifyResult::fromJson);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("sourceIndex", sourceIndex);
        json.put("targetIndex", targetIndex);
        json.put("mode", mode.name());
        json.put("passed", passed());
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", finishedAt.toString());
        json.put("sourceCount", sourceCount);
        json.put("targetCount", targetCount);
        json.put("checked", checked);
        json.put("settled", settled);
        json.put("missing", missing);
        json.put("extra", extra);
        json.put("different", different);
        ArrayNode list = json.putArray("mismatches");
        mismatches.stream().limit(STORED_MISMATCHES).forEach(m -> list.add(m.toJson()));
        repair.ifPresent(r -> json.set("repair", r.toJson()));
        return json;
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @throws IllegalStateException naming what is wrong
     */
    public static VerifyResult fromJson(JsonNode json) {
        List<Mismatch> mismatches = new ArrayList<>();
        json.path("mismatches").forEach(m -> mismatches.add(Mismatch.fromJson(m)));
        try {
            return new VerifyResult(json.path("sourceIndex").asText(), json.path("targetIndex").asText(),
                    VerifyMode.valueOf(json.path("mode").asText()), Instant.parse(json.path("startedAt").asText()),
                    Instant.parse(json.path("finishedAt").asText()), json.path("sourceCount").asLong(),
                    json.path("targetCount").asLong(), json.path("checked").asLong(), json.path("settled").asLong(),
                    json.path("missing").asLong(), json.path("extra").asLong(), json.path("different").asLong(),
                    mismatches, json.has("repair") ? Optional.of(RepairResult.fromJson(json.path("repair")))
                            : Optional.empty());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalStateException("stored verification result is unreadable (" + e.getMessage() + "): " + json);
        }
    }

    private static long count(List<Mismatch> mismatches, MismatchKind kind) {
        return mismatches.stream().filter(m -> m.kind() == kind).count();
    }
}
