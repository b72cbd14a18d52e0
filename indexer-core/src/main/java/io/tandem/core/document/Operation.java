package io.tandem.core.document;

/** What a command does to a document. Upserts carry the full new state, never a patch. */
public enum Operation {
    UPSERT,
    DELETE
}
