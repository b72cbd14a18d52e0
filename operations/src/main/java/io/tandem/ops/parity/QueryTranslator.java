package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Rewrites a search request body written for the old index so that it asks the new index the same question. */
@FunctionalInterface
public interface QueryTranslator {

    /** For a migration that keeps the schema: every query is asked as it is. */
    QueryTranslator UNCHANGED = body -> new Translation(body.deepCopy(), List.of());

    /**
     * @param body a search request body ({@code query}, {@code sort}, {@code size}, ...) for the old index; not changed
     * @throws UntranslatableQueryException when a part of it has no faithful translation
     */
    Translation translate(ObjectNode body);
}
