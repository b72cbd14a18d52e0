package io.tandem.core.sink;

import java.util.Objects;

/**
 * What a failed {@code _bulk} request (no item results) means for all of its writes.
 *
 * @param action retry them all, or split the batch to find the write(s) the engine refuses
 * @param reason why, for the log and, where one write alone is refused, for its result
 */
record RequestVerdict(Action action, String reason) {

    enum Action {
        /** A transient failure (connection, timeout, overload): send every write again later. */
        RETRY,
        /**
         * The engine refused the request as a whole because of its content (413 too large, 400 invalid): send each
         * half on its own; a single write refused this way is rejected.
         */
        SPLIT
    }

    RequestVerdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }
}
