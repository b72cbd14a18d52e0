package io.tandem.ops.parity;

/** A part of an old-schema query that has no faithful translation, named by where it is in the body. */
public final class UntranslatableQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param where  the part, as a path into the body, e.g. {@code query.bool.filter[1].range}
     * @param reason why it cannot be translated
     */
    public UntranslatableQueryException(String where, String reason) {
        super(where + ": " + reason);
    }
}
