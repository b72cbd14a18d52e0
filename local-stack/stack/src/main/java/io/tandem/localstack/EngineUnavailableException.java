package io.tandem.localstack;

/** This machine cannot run the engine (missing runtime or Docker); the message says why. Tests skip on it. */
public class EngineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
