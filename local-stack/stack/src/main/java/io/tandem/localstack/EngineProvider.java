package io.tandem.localstack;

import java.util.Locale;

/**
 * Starts engines. Two exist: real local processes (the default, needs nothing but Java) and Testcontainers
 * (needs a Docker engine). {@value #PROPERTY} selects one.
 */
public interface EngineProvider extends AutoCloseable {

    /** System property (or environment variable {@code TANDEM_ENGINES}) naming the provider. */
    String PROPERTY = "tandem.engines";

    /** Which provider to use. */
    enum Kind { LOCAL, TESTCONTAINERS }

    /**
     * Starts one engine and waits until it answers.
     *
     * @throws EngineUnavailableException when this machine cannot run it (no Java 21, no Docker engine)
     */
    RunningEngine start(Engine engine) throws EngineUnavailableException;

    /** Stops everything this provider started. */
    @Override
    void close();

    /** The provider the property or environment selects, {@link Kind#LOCAL} when neither is set. */
    static Kind selectedKind() {
        String value = System.getProperty(PROPERTY, System.getenv().getOrDefault("TANDEM_ENGINES", "local"));
        try {
            return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a provider; use 'local' or 'testcontainers'", e);
        }
    }

    static EngineProvider create(Kind kind) {
        return switch (kind) {
            case LOCAL -> new io.tandem.localstack.process.LocalProcessProvider();
            case TESTCONTAINERS -> new io.tandem.localstack.testcontainers.TestcontainersProvider();
        };
    }
}
