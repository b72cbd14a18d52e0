package io.tandem.ops.verify;

/** How many documents a verification compares. */
public enum VerifyMode {
    /** A random sample of source ids, and one of target ids (to find extra documents): quick, probabilistic. */
    SAMPLE,
    /** Every document of both indices, read with sliced scrolls in parallel: exhaustive. */
    FULL
}
