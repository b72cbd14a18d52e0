/**
 * Remote {@code _reindex}: the new cluster copies the old index itself ({@link io.tandem.ops.reindex.RemoteReindex}),
 * each copy at version 0 of the external version space like the backfill's, with transforms written in Painless
 * ({@link io.tandem.ops.reindex.PainlessTransforms}).
 */
package io.tandem.ops.reindex;
