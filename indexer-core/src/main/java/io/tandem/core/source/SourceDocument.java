package io.tandem.core.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A document read from the source index.
 *
 * <p>{@code source} is the document's {@code _source} exactly as the engine stores it (a decimal such as
 * {@code 1.10} stays {@code 1.10}); it belongs to whoever receives the page, which may transform it in place, so it
 * is not copied.
 *
 * @param id      the document's {@code _id}
 * @param source  its {@code _source}
 * @param version the document's {@code _version} when {@link ScrollSettings#withVersion()}, else empty
 */
public record SourceDocument(String id, ObjectNode source, OptionalLong version) {

    public SourceDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
    }
}
