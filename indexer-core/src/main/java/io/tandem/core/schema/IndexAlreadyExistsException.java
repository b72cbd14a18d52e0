package io.tandem.core.schema;

/**
 * The index to create exists already (or its name is taken by an alias). Its own type so that a caller racing
 * another creator of the same index can tell this apart from a definition the engine rejected.
 */
public final class IndexAlreadyExistsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String index;

    public IndexAlreadyExistsException(String index, String detail) {
        super("index '" + index + "' already exists (" + detail + "): Tandem creates an index only where there is none;"
                + " check the existing one against the contract, or choose a new name");
        this.index = index;
    }

    public String index() {
        return index;
    }
}
