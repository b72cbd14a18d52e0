package io.tandem.core.sink;

import io.tandem.core.cluster.ClusterCondition;
import java.util.Objects;

/**
 * What a failed {@code _bulk} request (no item results) means for all of its writes.
 *
 * @param action    retry them all, split the batch to find the write(s) the engine refuses, or stop the writer
 * @param reason    why, for the log and, where one write alone is refused, for its result
 * @param condition the cluster condition the answer reported ({@link ClusterCondition#of}), or {@code null} (a
 *                  connection failure, a refusal of the request's content); always one for {@link Action#STOP}
 */
record RequestVerdict(Action action, String reason, ClusterCondition condition) {

    enum Action {
        /** A failure that may pass (connection, timeout, overload, a blocked index): send every write again later. */
        RETRY,
        /**
         * The engine refused the request as a whole because of its content (413 too large, 400 invalid): send each
         * half on its own; a single write refused this way is rejected.
         */
        SPLIT,
        /** The cluster refuses the request for a reason nothing passes until someone acts (401, 403): stop. */
        STOP
    }

    RequestVerdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (action == Action.STOP && condition == null) {
            throw new IllegalArgumentException("a stop needs its cluster condition");
        }
    }

    /** A verdict not due to a cluster condition. */
    RequestVerdict(Action action, String reason) {
        this(action, reason, null);
    }
}
