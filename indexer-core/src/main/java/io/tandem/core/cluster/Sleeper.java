package io.tandem.core.cluster;

import java.time.Duration;

/** Waits: between tries of a call, or between polls of a condition. Tests pass one that records instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}, to the millisecond. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
