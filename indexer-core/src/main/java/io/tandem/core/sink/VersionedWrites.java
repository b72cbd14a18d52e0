package io.tandem.core.sink;

import java.util.concurrent.CompletableFuture;

/** What the copy path needs of the versioned writer: {@link VersionedBulkWriter}, or a stand-in in tests. */
public interface VersionedWrites {

    /** See {@link VersionedBulkWriter#write}. */
    <C> CompletableFuture<WriteResult<C>> write(WriteRequest request, C context);

    /** See {@link VersionedBulkWriter#flush}. */
    void flush();
}
