package io.tandem.ops.sync;

/** What schema sync does with one resource. */
public enum SyncAction {
    /** Not on the target: created. */
    CREATE("+", "create"),
    /** On the target with another definition, and overwriting was asked for: replaced (or, for an index, completed). */
    UPDATE("~", "update"),
    /** On the target with the same definition: left alone. */
    UNCHANGED("=", "unchanged"),
    /** On the target with another definition: reported, never touched; apply refuses while there is one. */
    CONFLICT("!", "conflict"),
    /** Not copied, for the reason given. */
    SKIPPED("-", "skip");

    private final String symbol;
    private final String verb;

    SyncAction(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    /** One character heading a plan line. */
    public String symbol() {
        return symbol;
    }

    public String verb() {
        return verb;
    }

    /** Whether apply sends anything for it. */
    public boolean changesTarget() {
        return this == CREATE || this == UPDATE;
    }
}
