package io.tandem.core.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One representative query of the application, as written against the old index.
 *
 * @param name  unique in its file, for the report
 * @param body  the search request body for the old index
 * @param order how the answers' ids are compared
 */
public record ParityQuery(String name, ObjectNode body, ResultOrder order) {

    public ParityQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(order, "order");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
    }
}
