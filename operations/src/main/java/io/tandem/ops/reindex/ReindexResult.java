package io.tandem.ops.reindex;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RemoteReindex} ended.
 *
 * @param total            documents the source query matched
 * @param created          documents written that the target did not have
 * @param updated          documents written over one the target had (none, as long as every write of the target
 *                         has a version above 0)
 * @param versionConflicts documents the target refused because it holds an equal or newer version, or a delete
 *                         tombstone: a live write got there first, which is the intended outcome, not an error
 * @param failures         documents or requests that failed, plus 1 when the reindex as a whole stopped on an error
 *                         (a script exception, an unreachable or not allow-listed remote host); the engine stops at
 *                         the first failing batch, so any failure means an incomplete copy
 * @param failureReasons   one line per failure, e.g. {@code "d3: strict_dynamic_mapping_exception: ..."}
 * @param took             how long the engine worked on it
 */
public record ReindexResult(long total, long created, long updated, long versionConflicts, long failures,
                            List<String> failureReasons, Duration took) {

    public ReindexResult {
        failureReasons = List.copyOf(failureReasons);
        Objects.requireNonNull(took, "took");
    }

    /** Whether every document matched was written or refused as stale: a complete copy. */
    public boolean succeeded() {
        return failures == 0;
    }
}
