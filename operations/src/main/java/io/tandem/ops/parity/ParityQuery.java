package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One representative query of the application, as written against the old index, and optionally as the application
 * writes it for the new schema.
 *
 * @param name    unique in its file, for the report
 * @param body    the search request body for the old index
 * @param order   how the answers' ids are compared
 * @param newBody the body the application itself sends to the new index, sent there as it is instead of the
 *                translation of {@code body}: so a difference between the format the application queries and the
 *                one the transform wrote shows up as a parity failure, which a translation using the transform's
 *                own rules cannot show; {@code null} when the new side is the translation
 */
public record ParityQuery(String name, ObjectNode body, ResultOrder order, ObjectNode newBody) {

    public ParityQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(order, "order");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
    }

    /** A query whose new side is the translation of {@code body}. */
    public ParityQuery(String name, ObjectNode body, ResultOrder order) {
        this(name, body, order, null);
    }

    /** The body as the application writes it for the new schema, when the query file gives one. */
    public Optional<ObjectNode> asWrittenForNew() {
        return Optional.ofNullable(newBody);
    }
}
