/**
 * The command topic as a source of the copy step ({@link io.tandem.core.copy.CopyStep}), and what reading it needs
 * besides the poll loop: which offsets may be committed while records complete
 * out of order ({@link io.tandem.app.source.OffsetTracker}), and the dead-letter topic for records that cannot be
 * indexed ({@link io.tandem.app.source.DeadLetterPublisher}).
 */
package io.tandem.app.source;
