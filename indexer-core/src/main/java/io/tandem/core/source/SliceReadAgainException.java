package io.tandem.core.source;

/**
 * A slice read that cannot go on but may succeed when read again from its start: its scroll expired on the engine,
 * shards failed or timed out (the page would lack their documents), or fewer documents came than the scroll matched.
 * The copy of a slice is idempotent (versioned writes), so reading it again is safe.
 */
public final class SliceReadAgainException extends IllegalStateException {

    public SliceReadAgainException(String message) {
        super(message);
    }
}
