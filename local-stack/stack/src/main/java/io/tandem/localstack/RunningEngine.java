package io.tandem.localstack;

import java.util.OptionalLong;

/** A started engine: where it listens, and how to stop it. */
public interface RunningEngine extends AutoCloseable {

    EngineEndpoint endpoint();

    /** Peak resident memory of the engine's process so far (VmHWM), where it can be read. */
    default OptionalLong peakRssBytes() {
        return OptionalLong.empty();
    }

    /**
     * Stops the engine — with SIGKILL when {@code kill}, as a crash or a lost node, otherwise cleanly — keeps it down
     * for {@code downtime}, then starts it again on the same ports with the same data and returns once it is ready:
     * the node restarts and broker outages production has. A proxy in front of it stays up.
     *
     * @throws UnsupportedOperationException where the provider cannot restart its engines
     */
    default void restart(boolean kill, java.time.Duration downtime) {
        throw new UnsupportedOperationException(endpoint().engine().displayName() + " cannot be restarted here");
    }

    /** Stops the engine and waits until it is gone. */
    @Override
    void close();
}
