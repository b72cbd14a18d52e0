package io.tandem.localstack;

import java.util.OptionalLong;

/** A started engine: where it listens, and how to stop it. */
public interface RunningEngine extends AutoCloseable {

    EngineEndpoint endpoint();

    /** Peak resident memory of the engine's process so far (VmHWM), where it can be read. */
    default OptionalLong peakRssBytes() {
        return OptionalLong.empty();
    }

    /** Stops the engine and waits until it is gone. */
    @Override
    void close();
}
