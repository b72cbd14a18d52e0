package io.tandem.ops.sync;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.elasticsearch.client.RestClient;

/**
 * Schema sync from one cluster to another: reads both, plans ({@link SyncPlanner}), and applies ({@link SyncApplier}).
 * The target is read only for the index names the plan may create.
 */
public final class SchemaSync {

    private final RestClient source;
    private final RestClient target;

    public SchemaSync(RestClient source, RestClient target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** What apply would do; changes nothing. */
    public SyncPlan plan(SyncOptions options) {
        ClusterSchema sourceSchema = new SchemaReader(source).read(name -> SyncPlanner.isCandidate(name, options));
        Set<String> targetNames = new HashSet<>(SyncPlanner.candidateIndices(sourceSchema, options).values());
        ClusterSchema targetSchema = new SchemaReader(target).read(targetNames::contains);
        return new SyncPlanner().plan(sourceSchema, targetSchema, options);
    }

    /** Carries out a plan made by {@link #plan}. */
    public ApplyReport apply(SyncPlan plan, Consumer<PlannedChange> done) {
        return new SyncApplier(target).apply(plan, done);
    }
}
