package io.tandem.core.command;

import io.tandem.core.document.Command;
import java.util.Objects;

/** What became of one record: a command, or the reason it cannot be one (for the dead-letter topic). */
public sealed interface ParseResult {

    /** The record is a valid command. */
    record Parsed(Command command) implements ParseResult {

        public Parsed {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * The record cannot become a command.
     *
     * @param reason short, specific and on one line, as it travels in a dead-letter header and in log lines
     */
    record Unparseable(String reason) implements ParseResult {

        public Unparseable {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank() || reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a reason is one non-blank line, was '" + reason + "'");
            }
        }
    }
}
