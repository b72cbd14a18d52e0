package io.tandem.ops.cutover;

/** The verdict of one precondition of the cutover. */
public enum CheckStatus {
    PASS,
    FAIL,
    /** Not evaluated: not asked for, or skipped at the operator's request (the journal keeps which). */
    SKIPPED
}
