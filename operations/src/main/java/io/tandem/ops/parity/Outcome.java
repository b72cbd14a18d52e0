package io.tandem.ops.parity;

/** What became of one query. Only {@link #SAME} passes. */
public enum Outcome {
    /** Both indices gave the same answer. */
    SAME,
    /** The answers differ, also when asked again after the recheck delay. */
    DIFFERENT,
    /** A part of the query has no faithful translation; it was not run. */
    UNTRANSLATABLE,
    /** An index refused the query (or a run of it). */
    FAILED
}
