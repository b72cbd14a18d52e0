package io.tandem.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.source.SliceChunks;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.Optional;

/**
 * Which slices of a backfill are finished, in the state index on the target cluster, so a restarted job skips them
 * and redoes the others (safe: writes are idempotent). A slice whose copy left dead letters is recorded with their
 * count and is not finished: the next run copies it again, and the cutover's backfill check fails until one does
 * without failures. The key names the source, the target and the slice count:
 * a run with another slicing starts over.
 *
 * <p>Beside the checkpoints, each run records its plan under the target's name alone ({@link #recordPlan()}), so that
 * whoever knows only the new index (the cutover, the status) can tell from the state index whether every slice of the
 * latest backfill into it is done: {@link #progress}.
 */
public final class SliceCheckpoints {

    private static final String PLAN_PREFIX = "backfill-plan/";

    private final StateStore state;
    private final String sourceIndex;
    private final String targetIndex;
    private final int slices;
    private final String prefix;

    public SliceCheckpoints(StateStore state, String sourceIndex, String targetIndex, int slices) {
        this.state = state;
        this.sourceIndex = sourceIndex;
        this.targetIndex = targetIndex;
        this.slices = slices;
        this.prefix = prefix(sourceIndex, targetIndex, slices);
    }

    /**
     * Whether the slice was copied through and none of its documents failed: a slice whose copy left dead letters is
     * copied again by the next run (writes are idempotent), so a rerun after the cause is fixed completes it.
     */
    public boolean isDone(int slice) {
        return state.read(prefix + slice).map(SliceCheckpoints::isClean).orElse(false);
    }

    /** Documents a slice copied, finished or up to its checkpointed position, to tell how much is left. */
    public long documents(int slice) {
        return state.read(prefix + slice).map(doc -> doc.path("documents").asLong(0)).orElse(0L);
    }

    /**
     * Where a slice's reading resumes: the chunks it was planned in, those whose documents were all read and copied
     * ({@code done}: the next reading reads the others), and the documents copied and dead-lettered in them.
     */
    public record Position(SliceChunks chunks, BitSet done, long documents, long failed) {

        public Position {
            done = (BitSet) done.clone(); // a record's parts do not change
            if (done.length() > chunks.count()) {
                throw new IllegalArgumentException("done: chunks between 0 and " + (chunks.count() - 1) + ", was "
                        + done);
            }
        }

        /** A slice not read at all yet, in these chunks. */
        public static Position start(SliceChunks chunks) {
            return new Position(chunks, new BitSet(), 0, 0);
        }

        @Override
        public BitSet done() {
            return (BitSet) done.clone();
        }

        /** The chunks a reading from here reads: those not done. */
        public BitSet remaining() {
            BitSet remaining = chunks.all();
            remaining.andNot(done);
            return remaining;
        }

        /** Whether some chunk is done already (a reading from here resumes part-way). */
        public boolean resumed() {
            return !done.isEmpty();
        }
    }

    /**
     * Where the slice's reading resumes after a run that checkpointed it part-way; empty for a slice never
     * checkpointed part-way, or read through (one read through with dead letters is read again whole).
     */
    public Optional<Position> position(int slice) {
        return state.read(prefix + slice)
                .filter(record -> !record.path("done").asBoolean(false) && record.path("nextChunk").isInt())
                .map(record -> new Position(new SliceChunks(record.path("maxSeqNo").asLong(),
                        record.path("chunkWidth").asLong()), done(record), record.path("documents").asLong(0),
                        record.path("failed").asLong(0)));
    }

    /** The chunks done: every one before {@code nextChunk}, then the runs {@code [from, to)} of {@code doneAfter}. */
    private static BitSet done(JsonNode record) {
        BitSet done = new BitSet();
        done.set(0, record.path("nextChunk").asInt());
        for (JsonNode run : record.path("doneAfter")) {
            done.set(run.path(0).asInt(), run.path(1).asInt());
        }
        return done;
    }

    /**
     * Records that every chunk of {@code position.done()} was read and its copies settled, so a rerun reads only the
     * others: as the first chunk not done ({@code nextChunk}) and the runs of chunks done after it, which a reading
     * in {@code _doc} order finishes in no particular order.
     */
    public void markPosition(int slice, Position position) {
        BitSet done = position.done();
        int next = done.nextClearBit(0);
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("done", false)
                .put("maxSeqNo", position.chunks().maxSeqNo()).put("chunkWidth", position.chunks().width())
                .put("nextChunk", next);
        ArrayNode runs = value.putArray("doneAfter");
        for (int[] run : SliceChunks.runs(done)) {
            if (run[0] > next) { // the run from 0, if any, is nextChunk
                runs.addArray().add(run[0]).add(run[1]);
            }
        }
        value.put("documents", position.documents()).put("failed", position.failed())
                .put("checkpointedAt", Instant.now().toString());
        // the slice's reading waits for this: not for a refresh too
        state.writeFrequent(prefix + slice, value);
    }

    /**
     * Records that the slice was read through and every copy settled; {@code failed} of its {@code documents} went to
     * the dead letters, and while it is above 0 the slice counts as not done.
     */
    public void markDone(int slice, long documents, long failed) {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("done", true).put("documents", documents)
                .put("failed", failed).put("finishedAt", Instant.now().toString());
        state.write(prefix + slice, value);
    }

    /**
     * Records that the backfill into the target is this run's slicing of this source; the latest run's plan is the
     * one {@link #progress} judges. Every worker of a run records the same plan.
     */
    public void recordPlan() {
        ObjectNode plan = JsonNodeFactory.instance.objectNode().put("sourceIndex", sourceIndex)
                .put("targetIndex", targetIndex).put("slices", slices).put("recordedAt", Instant.now().toString());
        state.write(PLAN_PREFIX + targetIndex, plan);
    }

    /**
     * How far the latest planned backfill into {@code targetIndex} got, from its plan and checkpoints; empty when no
     * backfill recorded a plan for it.
     *
     * @throws IllegalStateException when the plan record is unreadable
     */
    public static Optional<BackfillProgress> progress(StateStore state, String targetIndex) {
        Optional<ObjectNode> plan = state.read(PLAN_PREFIX + targetIndex);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = plan.get();
        String source = json.path("sourceIndex").asText("");
        int slices = json.path("slices").asInt(0);
        if (source.isEmpty() || slices < 1) {
            throw new IllegalStateException("backfill plan of " + targetIndex + " in " + state.index()
                    + " is unreadable: " + json);
        }
        Instant recordedAt;
        try {
            recordedAt = Instant.parse(json.path("recordedAt").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("backfill plan of " + targetIndex + " has no recordedAt time: " + json);
        }
        String prefix = prefix(source, targetIndex, slices);
        int done = 0;
        long documents = 0;
        int withFailures = 0;
        long failed = 0;
        Instant lastFinished = null;
        for (int slice = 0; slice < slices; slice++) {
            Optional<ObjectNode> checkpoint = state.read(prefix + slice);
            if (checkpoint.isPresent() && checkpoint.get().path("done").asBoolean(false)) {
                if (isClean(checkpoint.get())) {
                    done++;
                } else {
                    withFailures++;
                    failed += checkpoint.get().path("failed").asLong(0);
                }
                documents += checkpoint.get().path("documents").asLong(0);
                Instant finished = finishedAt(checkpoint.get());
                if (finished != null && (lastFinished == null || finished.isAfter(lastFinished))) {
                    lastFinished = finished;
                }
            }
        }
        return Optional.of(new BackfillProgress(source, targetIndex, slices, done, documents, withFailures, failed,
                recordedAt, Optional.ofNullable(lastFinished)));
    }

    private static boolean isClean(JsonNode checkpoint) {
        return checkpoint.path("done").asBoolean(false) && checkpoint.path("failed").asLong(0) == 0;
    }

    private static Instant finishedAt(JsonNode checkpoint) {
        try {
            return Instant.parse(checkpoint.path("finishedAt").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String prefix(String sourceIndex, String targetIndex, int slices) {
        return "backfill/" + sourceIndex + "->" + targetIndex + "/" + slices + "-slices/";
    }
}
