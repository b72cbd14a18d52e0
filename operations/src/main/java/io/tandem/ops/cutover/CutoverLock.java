package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import java.time.Instant;
import java.util.Objects;

/**
 * Lets one cutover or rollback of a read alias run at a time: two at once would each switch from the alias state they
 * read, and journal a "before" that one of them invalidated. Held as a state key created only where absent.
 */
public final class CutoverLock implements AutoCloseable {

    private static final String KEY_PREFIX = "cutover-lock/";

    private final StateStore state;
    private final String key;

    private CutoverLock(StateStore state, String key) {
        this.state = state;
        this.key = key;
    }

    /**
     * Takes the lock of {@code readAlias}; {@link #close()} releases it.
     *
     * @throws IllegalStateException when another process holds it, saying since when and how to clear a stale one
     */
    public static CutoverLock acquire(StateStore state, String readAlias, String operation) {
        Objects.requireNonNull(state, "state");
        String key = KEY_PREFIX + readAlias;
        ObjectNode holder = JsonMappers.PLAIN.createObjectNode();
        holder.put("operation", operation);
        holder.put("pid", ProcessHandle.current().pid());
        holder.put("since", Instant.now().toString());
        if (!state.writeIfAbsent(key, holder)) {
            String current = state.read(key).map(ObjectNode::toString).orElse("(released meanwhile: try again)");
            throw new IllegalStateException("another cutover or rollback of alias '" + readAlias + "' holds the lock "
                    + current + "; if it is not running any more, delete the document '" + key + "' of the state index "
                    + state.index() + " and try again");
        }
        return new CutoverLock(state, key);
    }

    @Override
    public void close() {
        state.delete(key);
    }
}
