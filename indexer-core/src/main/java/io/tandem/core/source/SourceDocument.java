package io.tandem.core.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A document read from the source index.
 *
 * <p>{@code source} is the document's {@code _source} exactly as the engine stores it (a decimal such as
 * {@code 1.10} stays {@code 1.10}); it belongs to whoever receives the page, which may transform it in place, so it
 * is not copied.
 *
 * @param id         the document's {@code _id}
 * @param source     its {@code _source}
 * @param version    the document's {@code _version} when {@link ScrollSettings#withVersion()}, else empty
 * @param sourceJson the same {@code _source} as the bytes the engine sent, where the reader had them: what a copy
 *                   that fails keeps for its dead letter, for the cost of a reference. Not part of equality: it is
 *                   {@code source} again, in another form
 * @param seqNo      the document's {@code _seq_no} where the reader asked for it (a slice read in chunks, see
 *                   {@link SliceChunks}), else -1. Not part of equality: where the document is, not what it is
 */
public record SourceDocument(String id, ObjectNode source, OptionalLong version, Optional<SourceJson> sourceJson,
                             long seqNo) {

    /** {@code seqNo} when the reader did not ask for it. */
    public static final long NO_SEQ_NO = -1;

    public SourceDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sourceJson, "sourceJson");
    }

    /** A document known only as a tree. */
    public SourceDocument(String id, ObjectNode source, OptionalLong version) {
        this(id, source, version, Optional.empty(), NO_SEQ_NO);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceDocument that && id.equals(that.id) && source.equals(that.source)
                && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, version);
    }
}
