package io.tandem.localstack.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Polls an engine until it answers as ready, failing fast when its process dies first. */
final class StartupWait {

    private static final long POLL_MILLIS = 200;

    private StartupWait() {
    }

    /**
     * Calls {@code probe} until it returns a value. A probe that throws or returns empty means "not yet".
     *
     * @return the probe's value (e.g. the version the engine reports)
     */
    static <T> T until(EngineProcess process, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.logFile().getFileName() + ": the process exited before it was ready; "
                        + "its log ends with:\n" + process.logTail());
            }
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.logFile().getFileName(), e);
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.logFile().getFileName(), e);
            }
        }
        throw new IllegalStateException(process.logFile().getFileName() + " was not ready after " + timeout.toSeconds()
                + " s (last probe error: " + last + "); its log ends with:\n" + process.logTail());
    }
}
