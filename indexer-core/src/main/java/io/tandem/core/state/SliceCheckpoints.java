package io.tandem.core.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.state.StateStore;
import java.time.Instant;

/**
 * Which slices of a backfill are finished, in the state index on the target cluster, so a restarted job skips them
 * and redoes the others (safe: writes are idempotent). The key names the source, the target and the slice count:
 * a run with another slicing starts over.
 */
public final class SliceCheckpoints {

    private final StateStore state;
    private final String prefix;

    public SliceCheckpoints(StateStore state, String sourceIndex, String targetIndex, int slices) {
        this.state = state;
        this.prefix = "backfill/" + sourceIndex + "->" + targetIndex + "/" + slices + "-slices/";
    }

    public boolean isDone(int slice) {
        return state.read(prefix + slice).map(doc -> doc.path("done").asBoolean(false)).orElse(false);
    }

    /** Documents a finished slice copied (0 for an unfinished one), to tell how much is left. */
    public long documents(int slice) {
        return state.read(prefix + slice).map(doc -> doc.path("documents").asLong(0)).orElse(0L);
    }

    public void markDone(int slice, long documents) {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("done", true).put("documents", documents)
                .put("finishedAt", Instant.now().toString());
        state.write(prefix + slice, value);
    }
}
