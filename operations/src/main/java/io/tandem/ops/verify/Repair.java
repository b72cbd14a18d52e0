package io.tandem.ops.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.DeadLetter;
import io.tandem.core.copy.DeadLetterList;
import io.tandem.core.copy.Origin;
import io.tandem.core.document.Operation;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedBulkWriter;
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
 *   <li>a document missing from the target, or different there, is copied again exactly as the backfill copies it,
 *       through the same {@link CopyStep}: transformed, written with the backfill's {@link VersionRule} through the
 *       versioned writer, so a newer live write or a delete tombstone in the target still wins (counted as stale);
 *       a copy at fault (transform, version, mapping) is reported among the failures;</li>
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
        Map<String, CompletableFuture<CopyStep.Outcome>> copies = new LinkedHashMap<>();
        DeadLetterList deadLetters = new DeadLetterList();
        Origin origin = Origin.named("verify --repair of " + target.index());
        try (VersionedBulkWriter writer = new VersionedBulkWriter(target.client(), bulk, new SimpleMeterRegistry(),
                "tandem.verify.repair")) {
            CopyStep step = new CopyStep(check::expected, writer, deadLetters, target.index());
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
                    copies.put(id, step.copy(new CopyStep.Document(id, Operation.UPSERT, old.source(), null,
                            () -> versions.versionOf(old.asSourceDocument()), origin)));
                }
            }
            step.drain();
        }
        int copied = 0;
        int stale = 0;
        for (Map.Entry<String, CompletableFuture<CopyStep.Outcome>> copy : copies.entrySet()) {
            CopyStep.Outcome outcome;
            try {
                outcome = copy.getValue().get();
            } catch (ExecutionException e) {
                failures.add(copy.getKey() + ": " + CopyStep.unwrap(e.getCause()).getMessage());
                continue;
            }
            if (outcome == CopyStep.Outcome.APPLIED) {
                copied++;
            } else if (outcome == CopyStep.Outcome.STALE) {
                stale++;
            }
        }
        for (DeadLetter letter : deadLetters.letters()) {
            failures.add(letter.id() + ": " + letter.reason());
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
            throw reply.refused();
        }
        return Deletion.DELETED;
    }
}
