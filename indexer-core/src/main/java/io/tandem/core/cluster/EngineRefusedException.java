package io.tandem.core.cluster;

/**
 * An engine answered a request with an error status: the message says which request and what the engine said; the
 * status lets the command line tell a cluster that would not let Tandem in or failed (401, 403, 429, 5xx) from one
 * that refused the request itself (400, 404, 409).
 */
public final class EngineRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public EngineRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the engine answered with. */
    public int status() {
        return status;
    }

    /** Whether the engine turned Tandem away or failed, rather than refusing the request itself. */
    public boolean clusterFailed() {
        return status == 401 || status == 403 || status == 429 || status >= 500;
    }
}
