/**
 * What a migration must remember on the target cluster, and the guards that keep its one version space sound.
 *
 * <p>{@link io.tandem.core.state.StateStore} keeps small JSON values in a state index; a
 * {@link io.tandem.core.state.MigrationRecord} is what was true when a migration started;
 * {@link io.tandem.core.state.PartitionCountGuard} stops a migration whose Kafka-offset versions stopped being
 * comparable; {@link io.tandem.core.state.GcDeletesWindow} keeps delete tombstones for as long as the migration runs,
 * so that a late backfill write cannot bring a deleted document back.
 */
package io.tandem.core.state;
