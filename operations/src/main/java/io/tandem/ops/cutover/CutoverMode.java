package io.tandem.ops.cutover;

/** Where the old and the new index live. */
public enum CutoverMode {
    /** Both in one cluster (v1 -> v2): the aliases move from the old index to the new one in one request. */
    SAME_CLUSTER,
    /**
     * In two clusters: the aliases are created on the new cluster, the old index can be made read-only, and the
     * application must be pointed at the new cluster (the cutover prints how).
     */
    CROSS_CLUSTER
}
