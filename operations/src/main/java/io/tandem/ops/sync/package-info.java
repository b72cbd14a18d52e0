/**
 * Schema sync: copies lifecycle policies, templates and index definitions from the old cluster to the new one before
 * any data moves.
 *
 * <p>The path of a sync: {@link io.tandem.ops.sync.SchemaReader} reads each cluster into a
 * {@link io.tandem.ops.sync.ClusterSchema}; {@link io.tandem.ops.sync.DefinitionCleaner} strips what
 * belongs to the old cluster; {@link io.tandem.ops.sync.SyncPlanner} applies the options (include/exclude,
 * rename, replicas, aliases, definition files), translates ILM to ISM ({@link io.tandem.ops.sync.IlmToIsmTranslator})
 * and compares each resource with the target by meaning ({@link io.tandem.ops.sync.DefinitionDiff}) into an
 * immutable {@link io.tandem.ops.sync.SyncPlan}, which {@link io.tandem.ops.sync.PlanRenderer} shows
 * and {@link io.tandem.ops.sync.SyncApplier} carries out.
 */
package io.tandem.ops.sync;
