package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.state.StateStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets one cutover or rollback of a read alias run at a time: two at once would each switch from the alias state they
 * read, and journal a "before" that one of them invalidated. Held as a state key created only where absent, for at
 * most {@link #LEASE} (the switch it guards takes seconds).
 *
 * <p>A lock left by a process that died (kill -9, a lost pod) is stale, and taken over instead of blocking the alias
 * for good: when its lease has run out, or at once when it was taken on this host by a process that no longer runs.
 * The takeover replaces exactly the stale value read (sequence number and primary term), so of two processes taking
 * over the same stale lock only one gets it; it is said in {@link #tookOver()}, for the journal.
 */
public final class CutoverLock implements AutoCloseable {

    /** How long a lock holds at most: far longer than a switch takes, short enough that a dead holder's lock ends. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    private static final String KEY_PREFIX = "cutover-lock/";

    private final StateStore state;
    private final String key;
    private final Optional<String> tookOver;

    private CutoverLock(StateStore state, String key, Optional<String> tookOver) {
        this.state = state;
        this.key = key;
        this.tookOver = tookOver;
    }

    /**
     * Takes the lock of {@code readAlias}; {@link #close()} releases it.
     *
     * @throws IllegalStateException when another process holds it, saying who, since when and until when
     */
    public static CutoverLock acquire(StateStore state, String readAlias, String operation) {
        Objects.requireNonNull(state, "state");
        String key = KEY_PREFIX + readAlias;
        Instant now = Instant.now();
        ObjectNode holder = JsonMappers.PLAIN.createObjectNode();
        holder.put("operation", operation);
        holder.put("host", thisHost());
        holder.put("pid", ProcessHandle.current().pid());
        holder.put("since", now.toString());
        holder.put("expires", now.plus(LEASE).toString());
        if (state.writeIfAbsent(key, holder)) {
            return new CutoverLock(state, key, Optional.empty());
        }
        Optional<StateStore.Versioned> current = state.readVersioned(key);
        if (current.isEmpty()) {
            throw new IllegalStateException("the lock of alias '" + readAlias + "' was released meanwhile: try again");
        }
        Optional<String> stale = staleBecause(current.get().value(), now);
        if (stale.isPresent() && state.replaceIf(key, holder, current.get())) {
            return new CutoverLock(state, key, Optional.of("took over the lock " + current.get().value() + ", stale: "
                    + stale.get()));
        }
        throw new IllegalStateException("another cutover or rollback of alias '" + readAlias + "' holds the lock "
                + current.get().value() + "; it is taken over once it expires, or at once from its host once its "
                + "process is gone");
    }

    /** Why the lock {@code holder} is stale, if it is. */
    static Optional<String> staleBecause(ObjectNode holder, Instant now) {
        try {
            Instant expires = Instant.parse(holder.path("expires").asText(""));
            if (now.isAfter(expires)) {
                return Optional.of("its lease ended at " + expires);
            }
        } catch (DateTimeParseException e) {
            return Optional.of("it names no valid expiry (a lock of an older version)");
        }
        if (holder.path("host").asText("").equals(thisHost()) && holder.path("pid").canConvertToLong()
                && ProcessHandle.of(holder.path("pid").asLong()).map(p -> !p.isAlive()).orElse(true)) {
            return Optional.of("process " + holder.path("pid").asLong() + " on this host is gone");
        }
        return Optional.empty();
    }

    private static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    /** How this lock was taken from a stale holder, if it was. */
    public Optional<String> tookOver() {
        return tookOver;
    }

    @Override
    public void close() {
        state.delete(key);
    }
}
