package io.tandem.localstack.junit;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.EngineUnavailableException;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.RunningEngine;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** The engines of the test run, as a test parameter. */
public final class Engines {

    private final LocalStack stack;

    Engines(LocalStack stack) {
        this.stack = stack;
    }

    /** The engine's address, starting it if needed; the test is skipped, with the reason, where it cannot run. */
    public EngineEndpoint get(Engine engine) {
        try {
            return stack.endpoint(engine);
        } catch (EngineUnavailableException e) {
            Assumptions.abort(e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /** Peak resident memory of a running local engine process. */
    public OptionalLong peakRssBytes(Engine engine) {
        RunningEngine running = stack.running().get(engine);
        return running == null ? OptionalLong.empty() : running.peakRssBytes();
    }

    /**
     * Restarts a running engine of the run ({@link RunningEngine#restart}): tests sharing it see it back, at the same
     * address, with the same data, once this returns.
     */
    public void restart(Engine engine, boolean kill, java.time.Duration downtime) {
        RunningEngine running = stack.running().get(engine);
        if (running == null) {
            throw new IllegalStateException(engine.displayName() + " is not running");
        }
        running.restart(kill, downtime);
    }

    /** A lower-case name no other test of the run uses (indices and topics are shared per engine). */
    public static String uniqueName(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }
}
