/**
 * Reading the old cluster for the backfill.
 *
 * <p>{@link io.tandem.core.source.SlicedScrollReader} reads an index slice by slice with a sliced scroll on every
 * supported engine (Elasticsearch 6.x and 7.x, OpenSearch), handing each page of
 * {@link io.tandem.core.source.SourceDocument}s to a {@link io.tandem.core.source.PageHandler} whose blocking is the
 * backpressure. {@link io.tandem.core.source.ScrollSettings} say how; {@link io.tandem.core.source.EngineInfo} says
 * what the source cluster is.
 */
package io.tandem.core.source;
