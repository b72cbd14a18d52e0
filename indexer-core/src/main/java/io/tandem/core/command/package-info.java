/**
 * Turning the records of the application's command topic into {@link io.tandem.core.document.Command}s.
 *
 * <p>This package sees only a record's key bytes, value bytes and offset, never Kafka types: indexer-core has no Kafka
 * dependency, and the backfill shares the same contract. A record that cannot become a command is an
 * {@link io.tandem.core.command.ParseResult.Unparseable} with a one-line reason, never an exception, so that the
 * consumer can dead-letter it and go on.
 */
package io.tandem.core.command;
