package io.tandem.core.command;

/**
 * Where a command's external version comes from. The consumer and the backfill write into one version space
 * ({@code version_type=external}), so the choice must match how the backfill versions the documents it copies.
 */
public enum VersionSource {

    /**
     * Recommended: the version carried in the command itself, a number the application increases with every change
     * to the same entity. It orders the changes of a document wherever they are stored, survives repartitioning and
     * topic migration, and is comparable with the version the backfill reads from the old index.
     */
    COMMAND_FIELD,

    /**
     * The record's Kafka offset + 1 (so the first record, offset 0, has version 1). Offsets only order records within
     * one partition, so this is valid only while all commands of a document stay in one partition, i.e. the topic is
     * keyed by document id and was never repartitioned; otherwise an older change in a partition with higher offsets
     * would win. A tombstone can only be versioned this way, as it carries no version field.
     */
    KAFKA_OFFSET
}
