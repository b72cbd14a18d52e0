package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A search request body for the new index.
 *
 * @param body  the body to send
 * @param notes parts left as they were although they may search the tags (e.g. a full-text query over every field),
 *              for the report: the comparison shows whether they still agree
 */
public record Translation(ObjectNode body, List<String> notes) {

    public Translation {
        notes = List.copyOf(notes);
    }
}
