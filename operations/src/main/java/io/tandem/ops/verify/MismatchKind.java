package io.tandem.ops.verify;

/** How a document of the new index disagrees with the old one. */
public enum MismatchKind {
    /** In the source, not in the target. */
    MISSING,
    /** In the target, not in the source: typically a resurrected delete. */
    EXTRA,
    /** In both, but the target's document is not transform(source document). */
    DIFFERENT
}
