package io.tandem.core.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.sink.WriteOutcome;
import io.tandem.core.sink.WriteRequest;
import io.tandem.core.sink.WriteResult;
import io.tandem.core.transform.TransformException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Mends the persistent mismatches of a verification, each as it stands at the time of the repair (both sides are read
 * again first):
 *
 * <ul>
 *   <li>a document missing from the target, or different there, is copied again exactly as the backfill copies it:
 *       transformed, written with the backfill's {@link VersionRule} through the versioned writer, so a newer live
 *       write or a delete tombstone in the target still wins (counted as stale);</li>
 *   <li>a document only the target has (a resurrected delete) is deleted on condition that it is still the version
 *       that was read ({@code if_seq_no}/{@code if_primary_term}): a live write that lands in between is never
 *       removed.</li>
 * </ul>
 */
public final class Repair {

    private final IndexProbe source;
    private final IndexProbe target;
    private final DocumentCheck check;
    private final VersionRule versions;
    private final BulkSettings bulk;

    public Repair(IndexProbe source, IndexProbe target, DocumentCheck check, VersionRule versions, BulkSettings bulk) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.check = Objects.requireNonNull(check, "check");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.bulk = Objects.requireNonNull(bulk, "bulk");
    }

    public RepairResult run(List<Mismatch> mismatches) throws InterruptedException {
        Set<String> ids = new TreeSet<>();
        mismatches.forEach(m -> ids.add(m.id()));
        Map<String, StoredDocument> inSource = source.get(ids);
        Map<String, StoredDocument> inTarget = target.get(ids);
        int deleted = 0;
        int changed = 0;
        int agreeing = 0;
        List<String> failures = new ArrayList<>();
        Map<String, CompletableFuture<WriteResult>> copies = new LinkedHashMap<>();
        try (VersionedBulkWriter writer = new VersionedBulkWriter(target.client(), bulk, new SimpleMeterRegistry(),
                "tandem.verify.repair")) {
            for (String id : ids) {
                StoredDocument old = inSource.get(id);
                StoredDocument now = inTarget.get(id);
                if (check.compare(id, old, now).isEmpty()) {
                    agreeing++;
                } else if (old == null) {
                    switch (deleteIfUnchanged(now)) {
                        case DELETED -> deleted++;
                        case CHANGED -> changed++;
                        case GONE -> agreeing++;
                    }
                } else {
                    try {
                        ObjectNode copy = check.expected(id, old.source());
                        long version = versions.versionOf(old.asSourceDocument());
                        copies.put(id, writer.submit(WriteRequest.upsert(target.index(), id, version, copy)));
                    } catch (TransformException | IllegalArgumentException e) {
                        failures.add(id + ": " + e.getMessage());
                    }
                }
            }
            writer.flush();
        }
        int copied = 0;
        int stale = 0;
        for (Map.Entry<String, CompletableFuture<WriteResult>> copy : copies.entrySet()) {
            WriteResult result;
            try {
                result = copy.getValue().get();
            } catch (ExecutionException e) {
                failures.add(copy.getKey() + ": " + e.getCause().getMessage());
                continue;
            }
            if (result.outcome() == WriteOutcome.APPLIED) {
                copied++;
            } else if (result.outcome() == WriteOutcome.STALE) {
                stale++;
            } else {
                failures.add(copy.getKey() + ": " + result.reason());
            }
        }
        return new RepairResult(copied, stale, deleted, changed, agreeing, failures);
    }

    private enum Deletion { DELETED, CHANGED, GONE }

    private Deletion deleteIfUnchanged(StoredDocument extra) {
        Reply reply = EngineCall.send(target.client(), "DELETE", "/" + EngineCall.segment(target.index()) + "/_doc/"
                + EngineCall.segment(extra.id()) + "?if_seq_no=" + extra.seqNo() + "&if_primary_term="
                + extra.primaryTerm(), null);
        if (reply.status() == 409) {
            return Deletion.CHANGED;
        }
        if (reply.status() == 404 && "not_found".equals(reply.body().path("result").asText())) {
            return Deletion.GONE;
        }
        if (!reply.ok()) {
            throw new IllegalStateException(reply.failure());
        }
        return Deletion.DELETED;
    }
}
