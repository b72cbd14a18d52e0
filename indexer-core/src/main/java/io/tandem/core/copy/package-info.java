/**
 * The data path every source shares: a document from the command topic, a scroll slice, repair or a re-drive goes
 * through one {@link io.tandem.core.copy.CopyStep} (transform, versioned write) and ends applied, stale or in one
 * {@link io.tandem.core.copy.DeadLetterSink} with one {@link io.tandem.core.copy.FailureStage} — or the run stops
 * saying why.
 */
package io.tandem.core.copy;
