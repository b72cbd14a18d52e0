package io.tandem.core.transform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * A document that a transform can never convert: retrying will fail the same way, so the document belongs in the
 * dead-letter record. The message is the reason stored there; the caller adds the document id.
 */
public final class TransformException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransformException(String reason) {
        super(reason);
    }

    /** The node's JSON type as a reason names it: {@code object}, {@code array}, {@code string}, ... */
    static String jsonType(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
