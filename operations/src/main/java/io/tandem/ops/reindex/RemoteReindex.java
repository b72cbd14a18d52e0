package io.tandem.ops.reindex;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an index from the old cluster with the engine's own {@code _reindex}, executed by the <em>new</em> cluster,
 * which reads the old one over HTTP: an alternative to the backfill for plain copies, with no documents passing
 * through Tandem.
 *
 * <p><b>The version rule holds.</b> Every copy is written with {@code dest.version_type: external} and a script whose
 * first statement is {@code ctx._version = 0L} ({@link VersionZeroScript}), so it is version 0 in the live writes'
 * external version space: a document the target already holds (version &ge; 1) or remembers as deleted (a tombstone,
 * kept as long as {@code index.gc_deletes}) refuses it with a version conflict, which {@code conflicts: proceed}
 * counts in {@link ReindexResult#versionConflicts} instead of stopping the copy. Without the script the engine would
 * copy the old cluster's own version, which could beat a live write.
 *
 * <p><b>Limits</b>, against the backfill:
 * <ul>
 *   <li>No slicing: the engines refuse {@code slices} for a remote source, so one scroll reads the old index, one
 *       batch of {@code size} documents after the other.</li>
 *   <li>The transform must be Painless ({@link PainlessTransforms}): the new cluster runs no Java of ours. A document
 *       the script rejects, like any document the target rejects, stops the whole reindex after the batches already
 *       written (the engine stops at the first failing batch); there is no dead-letter topic.</li>
 *   <li>The old cluster must be in the target's {@code reindex.remote.whitelist} ({@code reindex.remote.allowlist} on
 *       OpenSearch), a static node setting matched literally against {@code host:port} ({@code 127.0.0.1:9200} does
 *       not match {@code localhost:9200}); otherwise the task stops with that error.</li>
 *   <li>The new cluster buffers each batch on its heap (at most 100 MB): lower {@code size} for large documents.</li>
 *   <li>The finished task's result stays in the target's {@code .tasks} index, as for any task run with
 *       {@code wait_for_completion=false}.</li>
 * </ul>
 */
public final class RemoteReindex {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /** A long copy should not die of one lost poll; this many in a row mean the cluster is gone. */
    static final int MAX_POLL_FAILURES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteReindex.class);

    private final RestClient target;
    private final Duration pollInterval;

    public RemoteReindex(RestClient target) {
        this(target, DEFAULT_POLL_INTERVAL);
    }

    public RemoteReindex(RestClient target, Duration pollInterval) {
        this.target = Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: must be positive, was " + pollInterval);
        }
        this.pollInterval = pollInterval;
    }

    /**
     * Starts {@code POST /_reindex?wait_for_completion=false} and polls {@code GET /_tasks/<id>} until done, calling
     * {@code progress} with (done, total) every poll.
     *
     * <p>Leaving before the task is done (interrupted, {@code progress} threw, the cluster stopped answering) cancels
     * the task, so no copy goes on unwatched.
     *
     * @return how it ended; a reindex that stopped on an error is a result with failures, not an exception
     * @throws IllegalStateException when the engine refuses to start it (e.g. an invalid request)
     */
    public ReindexResult run(RemoteReindexSettings settings, BiConsumer<Long, Long> progress) throws InterruptedException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        String taskId = start(settings);
        LOG.info("reindex of {} from {} into {} started as task {}", settings.sourceIndex(), settings.remoteHost(),
                settings.targetIndex(), taskId);
        boolean completed = false;
        try {
            ReindexResult result = await(taskId, progress);
            completed = true;
            LOG.info("reindex task {} ended: {}", taskId, result);
            return result;
        } finally {
            if (!completed) {
                cancel(taskId);
            }
        }
    }

    private String start(RemoteReindexSettings settings) {
        Reply reply = EngineCall.send(target, "POST", "/_reindex?wait_for_completion=false", ReindexBody.of(settings));
        if (!reply.ok() || !reply.body().path("task").isTextual()) {
            throw reply.refused("the reindex did not start: ");
        }
        return reply.body().path("task").asText();
    }

    private ReindexResult await(String taskId, BiConsumer<Long, Long> progress) throws InterruptedException {
        int failedPolls = 0;
        while (true) {
            JsonNode task;
            try {
                task = poll(taskId);
                failedPolls = 0;
            } catch (UncheckedIOException e) {
                if (++failedPolls >= MAX_POLL_FAILURES) {
                    throw e;
                }
                LOG.warn("reindex task {}: poll {} of {} failed, trying again: {}", taskId, failedPolls,
                        MAX_POLL_FAILURES, e.getMessage());
                Thread.sleep(pollInterval.toMillis());
                continue;
            }
            progress.accept(ReindexTask.done(task), ReindexTask.total(task));
            if (ReindexTask.completed(task)) {
                return ReindexTask.result(task);
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private JsonNode poll(String taskId) {
        Reply reply = EngineCall.send(target, "GET", "/_tasks/" + taskId, null);
        if (!reply.ok()) {
            throw reply.refused("reindex task " + taskId + " cannot be followed: ");
        }
        return reply.body();
    }

    /** Best effort: the reason the caller is leaving matters more than a failed cancel. */
    private void cancel(String taskId) {
        try {
            Reply reply = EngineCall.send(target, "POST", "/_tasks/" + taskId + "/_cancel", null);
            if (reply.ok()) {
                LOG.warn("reindex task {} cancelled: its caller stopped waiting for it", taskId);
            } else {
                LOG.warn("reindex task {} could not be cancelled: {}", taskId, reply.failure());
            }
        } catch (RuntimeException e) {
            LOG.warn("reindex task {} could not be cancelled: {}", taskId, e.getMessage());
        }
    }
}
