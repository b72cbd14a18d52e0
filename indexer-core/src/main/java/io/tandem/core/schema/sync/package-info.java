/**
 * Schema sync: copies lifecycle policies, templates and index definitions from the old cluster to the new one before
 * any data moves.
 *
 * <p>The path of a sync: {@link io.tandem.core.schema.sync.SchemaReader} reads each cluster into a
 * {@link io.tandem.core.schema.sync.ClusterSchema}; {@link io.tandem.core.schema.sync.DefinitionCleaner} strips what
 * belongs to the old cluster; {@link io.tandem.core.schema.sync.SyncPlanner} applies the options (include/exclude,
 * rename, replicas, aliases, definition files), translates ILM to ISM ({@link io.tandem.core.schema.sync.IlmToIsmTranslator})
 * and compares each resource with the target by meaning ({@link io.tandem.core.schema.sync.DefinitionDiff}) into an
 * immutable {@link io.tandem.core.schema.sync.SyncPlan}, which {@link io.tandem.core.schema.sync.PlanRenderer} shows
 * and {@link io.tandem.core.schema.sync.SyncApplier} carries out.
 */
package io.tandem.core.schema.sync;
