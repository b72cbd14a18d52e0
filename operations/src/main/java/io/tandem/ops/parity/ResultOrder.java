package io.tandem.ops.parity;

/** How the ids of two answers to one query are compared. */
public enum ResultOrder {
    /** Same ids at the same positions: for queries whose order the application shows (sorted, paged). */
    ORDERED,
    /** Same ids in any order: for queries whose order does not matter, or is by a score the new schema changes. */
    UNORDERED
}
